using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Estate;

public enum ControlPolicyType
{
    ServiceControl,
    ResourceControl,
}

/// <summary>A root or an organizational unit.</summary>
public sealed record OrganizationNode(string Id, string Name, string? ParentId);

public sealed record OrganizationAccount(string Id, string Name, string? ParentId, string? Status);

/// <summary>An SCP or RCP with the roots, OUs and accounts it is attached to.</summary>
public sealed record ControlPolicy(string Id, string Name, ControlPolicyType Type, PolicyDocument Document, ImmutableArray<string> Targets);

/// <summary>An AWS organization: its tree, its accounts and its control policies.</summary>
public sealed record AwsOrganization
{
    public required string Id { get; init; }

    public required string ManagementAccountId { get; init; }

    public ImmutableArray<OrganizationNode> Nodes { get; init; } = [];

    public ImmutableArray<OrganizationAccount> Accounts { get; init; } = [];

    public ImmutableArray<ControlPolicy> Policies { get; init; } = [];

    public bool ServiceControlPoliciesEnabled { get; init; }

    public bool ResourceControlPoliciesEnabled { get; init; }

    public bool Contains(string accountId) => Accounts.Any(a => a.Id == accountId);

    /// <summary>
    /// The control policy levels that govern an account, root first. Empty when the type is not enabled, when the
    /// account is the management account (exempt from SCPs and RCPs) or not in the organization.
    /// </summary>
    public ImmutableArray<ControlPolicyLevel> LevelsFor(string accountId, ControlPolicyType type)
    {
        var enabled = type == ControlPolicyType.ServiceControl ? ServiceControlPoliciesEnabled : ResourceControlPoliciesEnabled;
        if (!enabled || accountId == ManagementAccountId || Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return [];
        }

        var chain = new List<string> { account.Id };
        var parent = account.ParentId;
        var guard = 0;
        while (parent is not null && guard++ < 64 && Nodes.FirstOrDefault(n => n.Id == parent) is { } node)
        {
            chain.Add(node.Id);
            parent = node.ParentId;
        }

        chain.Reverse();
        return [.. chain.Select(target => new ControlPolicyLevel(
            DescribeTarget(target),
            [.. Policies.Where(p => p.Type == type && p.Targets.Contains(target, StringComparer.Ordinal)).Select(p => new NamedPolicy($"{p.Name} ({p.Id})", p.Document))]))];
    }

    /// <summary>The <c>aws:PrincipalOrgPaths</c> value of an account: <c>o-id/r-id/ou-id/.../</c>.</summary>
    public string? OrgPathFor(string accountId)
    {
        if (Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return null;
        }

        var chain = new List<string>();
        var parent = account.ParentId;
        var guard = 0;
        while (parent is not null && guard++ < 64 && Nodes.FirstOrDefault(n => n.Id == parent) is { } node)
        {
            chain.Add(node.Id);
            parent = node.ParentId;
        }

        chain.Reverse();
        return $"{Id}/{string.Join('/', chain)}/";
    }

    private string DescribeTarget(string target)
    {
        var name = Nodes.FirstOrDefault(n => n.Id == target)?.Name ?? Accounts.FirstOrDefault(a => a.Id == target)?.Name;
        return name is null ? target : $"{target} ({name})";
    }
}
