using System.Collections.Concurrent;
using System.Collections.Frozen;
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
    // Every request asks for its caller's and its resource's levels: worked out once per account and type.
    private readonly ConcurrentDictionary<(string Account, ControlPolicyType Type), ImmutableArray<ControlPolicyLevel>> _levels = new();

    public AwsOrganization()
    {
        _accountIds = new(() => Accounts.Select(a => a.Id).ToFrozenSet(StringComparer.Ordinal));
    }

    // A copy (`with`) starts with no cached levels: its policies or tree may differ.
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    private AwsOrganization(AwsOrganization original)
    {
        _levels = new();
        _accountIds = new(() => Accounts.Select(a => a.Id).ToFrozenSet(StringComparer.Ordinal));
        Id = original.Id;
        ManagementAccountId = original.ManagementAccountId;
        Nodes = original.Nodes;
        Accounts = original.Accounts;
        Policies = original.Policies;
        ServiceControlPoliciesEnabled = original.ServiceControlPoliciesEnabled;
        ResourceControlPoliciesEnabled = original.ResourceControlPoliciesEnabled;
        ResourcePolicyExported = original.ResourcePolicyExported;
        ResourcePolicy = original.ResourcePolicy;
    }

    public required string Id { get; init; }

    public required string ManagementAccountId { get; init; }

    public ImmutableArray<OrganizationNode> Nodes { get; init; } = [];

    public ImmutableArray<OrganizationAccount> Accounts { get; init; } = [];

    public ImmutableArray<ControlPolicy> Policies { get; init; } = [];

    public bool ServiceControlPoliciesEnabled { get; init; }

    public bool ResourceControlPoliciesEnabled { get; init; }

    /// <summary>Whether the export read the organization's resource policy (which delegates administration to member accounts).</summary>
    public bool ResourcePolicyExported { get; init; }

    /// <summary>The organization's resource policy; null when it has none, or when it was not exported (see <see cref="ResourcePolicyExported"/>).</summary>
    public PolicyDocument? ResourcePolicy { get; init; }

    // Requests ask whether their caller's and resource's accounts are members: a set, made on first use (a copy
    // makes its own, as its accounts may differ). Lazy, so that the record's fields never change once made.
    private readonly Lazy<FrozenSet<string>> _accountIds;

    public bool Contains(string accountId) => _accountIds.Value.Contains(accountId);

    /// <summary>
    /// The control policy levels that govern an account, root first. Empty when the type is not enabled, when the
    /// account is the management account (exempt from SCPs and RCPs) or not in the organization.
    /// </summary>
    public ImmutableArray<ControlPolicyLevel> LevelsFor(string accountId, ControlPolicyType type) =>
        _levels.TryGetValue((accountId, type), out var levels) ? levels : _levels.GetOrAdd((accountId, type), key => ComputeLevels(key.Account, key.Type));

    /// <summary>
    /// The control policies of a type attached to the account or any node above it (what <see cref="LevelsFor"/>
    /// evaluates), each once; empty where <see cref="LevelsFor"/> is.
    /// </summary>
    public ImmutableArray<ControlPolicy> PoliciesGoverning(string accountId, ControlPolicyType type)
    {
        var targets = LevelsFor(accountId, type).Length == 0 ? [] : Chain(accountId);
        return [.. Policies.Where(p => p.Type == type && p.Targets.Any(t => targets.Contains(t, StringComparer.Ordinal)))];
    }

    /// <summary>The id of the AWS-managed policy of the type that allows everything (<c>p-FullAWSAccess</c>, <c>p-RCPFullAWSAccess</c>).</summary>
    public static string FullAccessPolicyId(ControlPolicyType type) =>
        type == ControlPolicyType.ServiceControl ? "p-FullAWSAccess" : "p-RCPFullAWSAccess";

    /// <summary>Whether the policy is the AWS-managed one that allows everything (nobody can edit it).</summary>
    public static bool IsFullAccess(ControlPolicy policy) =>
        string.Equals(policy.Id, FullAccessPolicyId(policy.Type), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The policy's ARN, as IAM policies name it: <c>arn:aws:organizations::management:policy/o-id/service_control_policy/p-id</c>,
    /// or <c>arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess</c> for the AWS-managed ones.
    /// </summary>
    public string ArnOf(ControlPolicy policy) => ArnOfPolicy(policy.Id, policy.Type);

    /// <inheritdoc cref="ArnOf(ControlPolicy)"/>
    public string ArnOfPolicy(string policyId, ControlPolicyType type)
    {
        var kind = type == ControlPolicyType.ServiceControl ? "service_control_policy" : "resource_control_policy";
        return string.Equals(policyId, FullAccessPolicyId(type), StringComparison.OrdinalIgnoreCase)
            ? $"arn:aws:organizations::aws:policy/{kind}/{policyId}"
            : $"arn:aws:organizations::{ManagementAccountId}:policy/{Id}/{kind}/{policyId}";
    }

    /// <summary>The ARN of a root (<c>r-</c>), an OU (<c>ou-</c>) or an account, as the catalogue names them.</summary>
    public string ArnOfTarget(string target) =>
        target.StartsWith("r-", StringComparison.Ordinal) ? $"arn:aws:organizations::{ManagementAccountId}:root/{Id}/{target}"
        : target.StartsWith("ou-", StringComparison.Ordinal) ? $"arn:aws:organizations::{ManagementAccountId}:ou/{Id}/{target}"
        : $"arn:aws:organizations::{ManagementAccountId}:account/{Id}/{target}";

    /// <summary>The root, OUs and account whose control policies of the type govern the account, root first; empty where <see cref="LevelsFor"/> is.</summary>
    public ImmutableArray<string> TargetsGoverning(string accountId, ControlPolicyType type) =>
        LevelsFor(accountId, type).Length == 0 ? [] : [.. Chain(accountId)];

    /// <summary>The control policies of the type attached to a root, OU or account.</summary>
    public ImmutableArray<ControlPolicy> AttachedTo(string target, ControlPolicyType type) =>
        [.. Policies.Where(p => p.Type == type && p.Targets.Contains(target, StringComparer.Ordinal))];

    /// <summary>
    /// The levels that would govern the account with other policies attached: <paramref name="attached"/> gives
    /// the policies of each target (root, OU, account) in place of those the export shows.
    /// </summary>
    public ImmutableArray<ControlPolicyLevel> LevelsWith(string accountId, ControlPolicyType type, Func<string, ImmutableArray<ControlPolicy>> attached) =>
        LevelsFor(accountId, type).Length == 0 ? [] : Levels(accountId, attached);

    /// <summary>The account and every node above it, root first.</summary>
    private List<string> Chain(string accountId)
    {
        if (Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
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
        return chain;
    }

    private ImmutableArray<ControlPolicyLevel> ComputeLevels(string accountId, ControlPolicyType type)
    {
        var enabled = type == ControlPolicyType.ServiceControl ? ServiceControlPoliciesEnabled : ResourceControlPoliciesEnabled;
        if (!enabled || accountId == ManagementAccountId || !Contains(accountId))
        {
            return [];
        }

        return Levels(accountId, target => AttachedTo(target, type));
    }

    private ImmutableArray<ControlPolicyLevel> Levels(string accountId, Func<string, ImmutableArray<ControlPolicy>> attached) =>
        [.. Chain(accountId).Select(target => new ControlPolicyLevel(DescribeTarget(target), [.. attached(target).Select(p => new NamedPolicy($"{p.Name} ({p.Id})", p.Document))]))];

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

    /// <summary>A root, OU or account id with its name: <c>ou-a1b2-5xk3n9pq (Workloads)</c>.</summary>
    public string DescribeTarget(string target)
    {
        var name = Nodes.FirstOrDefault(n => n.Id == target)?.Name ?? Accounts.FirstOrDefault(a => a.Id == target)?.Name;
        return name is null ? target : $"{target} ({name})";
    }
}
