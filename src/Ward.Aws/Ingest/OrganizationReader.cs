using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads Ward's composed AWS Organizations export (<c>organization.json</c>, docs/formats/aws.md): the outputs of
/// <c>describe-organization</c>, <c>list-roots</c>, the OU tree, the accounts, and every SCP and RCP with its
/// content and targets.
/// </summary>
public static class OrganizationReader
{
    private const string ScpType = "SERVICE_CONTROL_POLICY";
    private const string RcpType = "RESOURCE_CONTROL_POLICY";

    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Organization", out _)
        && (root.TryGetProperty("Accounts", out _) || root.TryGetProperty("Roots", out _));

    public static AwsOrganization? Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        if (!root.TryGetProperty("Organization", out var organization) || organization.ValueKind != JsonValueKind.Object)
        {
            json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, "`Organization` must be an object (the output of `aws organizations describe-organization`)", "$.Organization");
            return null;
        }

        var id = json.String(organization, "Id", "$.Organization", required: true);
        var management = json.String(organization, "MasterAccountId", "$.Organization") ?? json.String(organization, "ManagementAccountId", "$.Organization");
        if (id is null || management is null)
        {
            json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, "the organization needs `Id` and `MasterAccountId`; SCPs and RCPs were not applied", "$.Organization");
            return null;
        }

        var nodes = ImmutableArray.CreateBuilder<OrganizationNode>();
        var scpEnabled = false;
        var rcpEnabled = false;
        var policyTypesListed = false;
        foreach (var (item, path) in json.Objects(root, "Roots", JsonPath.Root))
        {
            if (json.String(item, "Id", path, required: true) is { } rootId)
            {
                nodes.Add(new OrganizationNode(rootId, json.String(item, "Name", path) ?? "Root", null));
            }

            foreach (var (type, typePath) in json.Objects(item, "PolicyTypes", path))
            {
                policyTypesListed = true;
                var enabled = json.String(type, "Status", typePath) is "ENABLED" or null;
                switch (json.String(type, "Type", typePath))
                {
                    case ScpType:
                        scpEnabled |= enabled;
                        break;
                    case RcpType:
                        rcpEnabled |= enabled;
                        break;
                }
            }
        }

        foreach (var (item, path) in json.Objects(root, "OrganizationalUnits", JsonPath.Root))
        {
            var ouId = json.String(item, "Id", path, required: true);
            var parent = json.String(item, "ParentId", path, required: true);
            if (ouId is not null)
            {
                nodes.Add(new OrganizationNode(ouId, json.String(item, "Name", path) ?? ouId, parent));
            }
        }

        var accounts = ImmutableArray.CreateBuilder<OrganizationAccount>();
        foreach (var (item, path) in json.Objects(root, "Accounts", JsonPath.Root))
        {
            var accountId = json.String(item, "Id", path, required: true);
            var parent = json.String(item, "ParentId", path);
            if (accountId is null)
            {
                continue;
            }

            if (parent is null)
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Warning, $"account `{accountId}` has no `ParentId`: only SCPs attached to it directly can be applied", path);
            }

            accounts.Add(new OrganizationAccount(accountId, json.String(item, "Name", path) ?? accountId, parent, json.String(item, "Status", path)));
        }

        var policies = ImmutableArray.CreateBuilder<ControlPolicy>();
        foreach (var (item, path) in json.Objects(root, "Policies", JsonPath.Root))
        {
            var summaryPath = JsonPath.Property(path, "PolicySummary");
            if (!item.TryGetProperty("PolicySummary", out var summary) || summary.ValueKind != JsonValueKind.Object)
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, "policy skipped: it has no `PolicySummary` object", path);
                continue;
            }

            var policyId = json.String(summary, "Id", summaryPath, required: true) ?? "?";
            var name = json.String(summary, "Name", summaryPath) ?? policyId;
            var typeText = json.String(summary, "Type", summaryPath, required: true);
            ControlPolicyType? type = typeText switch
            {
                ScpType => ControlPolicyType.ServiceControl,
                RcpType => ControlPolicyType.ResourceControl,
                _ => null,
            };
            if (type is null)
            {
                // Tag, backup and AI opt-out policies do not take part in authorization.
                continue;
            }

            if (!item.TryGetProperty("Content", out var content))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"policy `{name}` has no `Content`: the decisions it governs are indeterminate", path);
            }

            var document = item.TryGetProperty("Content", out content)
                ? ParseContent(content, type.Value, JsonPath.Property(path, "Content"), json)
                : null;
            var targets = json.Objects(item, "Targets", path).Select(t => json.String(t.Item, "TargetId", t.Path, required: true)).OfType<string>().ToImmutableArray();
            policies.Add(new ControlPolicy(policyId, name, type.Value, document ?? PolicyDocument.Unreadable($"policy `{name}` could not be read"), targets));
        }

        if (!policyTypesListed)
        {
            // Without the roots' PolicyTypes, a policy type counts as enabled when any policy of it is attached.
            scpEnabled = policies.Any(p => p.Type == ControlPolicyType.ServiceControl && p.Targets.Length > 0);
            rcpEnabled = policies.Any(p => p.Type == ControlPolicyType.ResourceControl && p.Targets.Length > 0);
        }

        Validate(nodes, accounts, policies, scpEnabled, rcpEnabled, json);
        var (resourcePolicyExported, resourcePolicy) = ReadResourcePolicy(root, json);
        return new AwsOrganization
        {
            ResourcePolicyExported = resourcePolicyExported,
            ResourcePolicy = resourcePolicy,
            Id = id,
            ManagementAccountId = management,
            Nodes = nodes.ToImmutable(),
            Accounts = accounts.ToImmutable(),
            Policies = policies.ToImmutable(),
            ServiceControlPoliciesEnabled = scpEnabled,
            ResourceControlPoliciesEnabled = rcpEnabled,
        };
    }

    /// <summary>Reports what would make SCP or RCP levels wrong: broken tree, bad account ids, dangling targets.</summary>
    private static void Validate(
        ImmutableArray<OrganizationNode>.Builder nodes,
        ImmutableArray<OrganizationAccount>.Builder accounts,
        ImmutableArray<ControlPolicy>.Builder policies,
        bool scpEnabled,
        bool rcpEnabled,
        JsonReading json)
    {
        var nodeIds = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.ParentId is not null))
        {
            if (!nodeIds.Contains(node.ParentId!))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"OU `{node.Id}` has parent `{node.ParentId}`, which is neither a root nor an OU of the export: SCPs and RCPs above it are missing", "$.OrganizationalUnits");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { node.Id };
            var parent = node.ParentId;
            while (parent is not null && nodes.FirstOrDefault(n => n.Id == parent) is { } next)
            {
                if (!seen.Add(next.Id))
                {
                    json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"OU `{node.Id}` is in a parent cycle: the tree is inconsistent", "$.OrganizationalUnits");
                    break;
                }

                parent = next.ParentId;
            }
        }

        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            if (account.Id.Length != 12 || !account.Id.All(char.IsAsciiDigit))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"account id `{account.Id}` is not 12 digits", "$.Accounts");
            }

            if (!accountIds.Add(account.Id))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"account `{account.Id}` is listed twice; the first entry is used", "$.Accounts");
            }

            if (account.ParentId is { } parentId && !nodeIds.Contains(parentId))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"account `{account.Id}` has parent `{parentId}`, which is not in the export: SCPs and RCPs above it are missing", "$.Accounts");
            }
        }

        foreach (var policy in policies)
        {
            foreach (var target in policy.Targets.Where(t => !nodeIds.Contains(t) && !accountIds.Contains(t)))
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Warning, $"policy `{policy.Name}` targets `{target}`, which is not a root, OU or account of the export", "$.Policies");
            }

            var enabled = policy.Type == ControlPolicyType.ServiceControl ? scpEnabled : rcpEnabled;
            if (!enabled && policy.Targets.Length > 0)
            {
                json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Warning, $"policy `{policy.Name}` is attached, but its policy type is not enabled on the root, so AWS does not apply it (neither does Ward)", "$.Policies");
            }
        }
    }

    /// <summary>
    /// The organization's resource policy (<c>aws organizations describe-resource-policy</c>): absent when the
    /// export did not read it, null when the organization has none (no delegated administrator for policies).
    /// </summary>
    private static (bool Exported, PolicyDocument? Policy) ReadResourcePolicy(JsonElement root, JsonReading json)
    {
        if (!root.TryGetProperty("ResourcePolicy", out var element))
        {
            return (false, null);
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        const string Path = "$.ResourcePolicy";
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("Content", out var content))
        {
            json.Report(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, "`ResourcePolicy` must be null or the `ResourcePolicy` object of `aws organizations describe-resource-policy` (with `Content`); delegated policy administration is treated as unknown", Path);
            return (false, null);
        }

        var result = PolicyParser.Parse(content, PolicyKind.Resource, json.At(JsonPath.Property(Path, "Content")));
        json.Diagnostics.AddRange(result.Diagnostics);
        return (true, result.Document ?? PolicyDocument.Unreadable("the organization's resource policy could not be read"));
    }

    private static PolicyDocument? ParseContent(JsonElement content, ControlPolicyType type, string path, JsonReading json)
    {
        var kind = type == ControlPolicyType.ServiceControl ? PolicyKind.ServiceControl : PolicyKind.ResourceControl;
        var result = PolicyParser.Parse(content, kind, json.At(path));
        json.Diagnostics.AddRange(result.Diagnostics);
        if (result.Document is { } document)
        {
            json.Diagnostics.AddRange(CatalogChecks.Default.Check(document, json.At(path)));
        }

        return result.Document;
    }
}
