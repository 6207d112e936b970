using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads Privileged Access Manager entitlements as <c>gcloud pam entitlements list --location=global
/// --project|--folder|--organization=ID --format=json</c> prints them (the REST <c>Entitlement</c> resource).
/// </summary>
internal static class PamEntitlementReader
{
    /// <summary>Whether a name is an entitlement's: <c>organizations|folders|projects/ID/locations/LOCATION/entitlements/ID</c>.</summary>
    public static bool IsEntitlementName(string name) =>
        name.Split('/') is ["organizations" or "folders" or "projects", { Length: > 0 }, "locations", { Length: > 0 }, "entitlements", { Length: > 0 }];

    public static PamEntitlement? Read(GcpEntry entry, GcpJson json)
    {
        if (json.String(entry, "name", requiredBy: "a PAM entitlement") is not { } name)
        {
            return null;
        }

        var access = json.Object(entry, "privilegedAccess") is { } privileged ? json.Object(privileged, "gcpIamAccess") : null;
        if (access is not { } iam)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"PAM entitlement `{name}` has no `privilegedAccess.gcpIamAccess`: what a grant gives is unknown; skipped", entry.Path);
            return null;
        }

        if (json.String(iam, "resource", requiredBy: "a PAM entitlement's `gcpIamAccess`") is not { } resource)
        {
            return null;
        }

        if (ResourceNames.ContainerKind(resource) is null || !resource.StartsWith(ResourceNames.ResourceManager, StringComparison.Ordinal))
        {
            iam.TryGet("resource", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{resource}` is not the full name of an organization, folder or project (`//cloudresourcemanager.googleapis.com/projects/ID`), the resources PAM grants roles on; PAM entitlement `{name}` skipped", path);
            return null;
        }

        var roles = ImmutableArray.CreateBuilder<PamRoleBinding>();
        foreach (var binding in json.Objects(iam, "roleBindings"))
        {
            if (json.String(binding, "role", requiredBy: "a PAM role binding") is { } role)
            {
                roles.Add(new PamRoleBinding(role, json.String(binding, "conditionExpression") is { Length: > 0 } condition ? condition : null));
            }
        }

        if (roles.Count == 0)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"PAM entitlement `{name}` binds no role (`privilegedAccess.gcpIamAccess.roleBindings`): a grant gives nothing", iam.Path);
        }

        var eligible = json.Objects(entry, "eligibleUsers").SelectMany(user => Principals(user, json)).ToImmutableArray();
        if (eligible.IsEmpty)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"PAM entitlement `{name}` names no eligible principal (`eligibleUsers[].principals`): nobody can request it", entry.Path);
        }

        var steps = ImmutableArray.CreateBuilder<PamApprovalStep>();
        if (json.Object(entry, "approvalWorkflow") is { } workflow && json.Object(workflow, "manualApprovals") is { } manual)
        {
            foreach (var step in json.Objects(manual, "steps"))
            {
                var approvers = json.Objects(step, "approvers").SelectMany(a => Principals(a, json)).ToImmutableArray();
                if (approvers.IsEmpty)
                {
                    json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"an approval step of PAM entitlement `{name}` names no approver (`approvers[].principals`): read as approvable by someone unknown", step.Path);
                }

                // Google's default is one approval per step.
                steps.Add(new PamApprovalStep(approvers, json.Integer(step, "approvalsNeeded") ?? 1));
            }
        }

        return new PamEntitlement
        {
            Name = name,
            EligiblePrincipals = eligible,
            Resource = resource,
            RoleBindings = roles.ToImmutable(),
            ApprovalSteps = steps.ToImmutable(),
            MaxRequestDuration = json.String(entry, "maxRequestDuration"),
            State = json.String(entry, "state"),
            Location = json.At(entry.Path),
        };
    }

    /// <summary>The principals of an access control entry (<c>{"principals": […]}</c>), those of no known form reported.</summary>
    private static IEnumerable<Member> Principals(GcpEntry entry, GcpJson json)
    {
        foreach (var text in json.Strings(entry, "principals"))
        {
            var member = Member.Parse(text);
            if (member.Kind == MemberKind.Unknown)
            {
                entry.TryGet("principals", out _, out var path);
                json.Report(GcpDiagnosticCodes.UnknownMember, DiagnosticSeverity.Warning, $"principal `{text}` is of no form Ward knows; ignored", path);
                continue;
            }

            yield return member;
        }
    }
}
