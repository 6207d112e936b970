using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Pim;

namespace Ward.Microsoft.Edges;

/// <summary>
/// What an exported PIM policy says about an eligible principal activating: the requirements that remain (none
/// when no approval is required), and what the principal supplies itself, for the edge's description. MFA, a
/// justification, ticket information and an authentication context are the principal's own to give, as at any
/// sign-in, so they are said, not required. Approval is someone else's decision: the approvers are named, and a
/// principal that is the only approver of a stage needs another one (PIM lets nobody approve their own request).
/// </summary>
internal sealed record ActivationVerdict(ImmutableArray<string> Requirements, string Supplies)
{
    /// <param name="policy">The exported policy; null when none was exported (then <paramref name="notExported"/> is the requirement).</param>
    /// <param name="principalId">The principal that activates.</param>
    /// <param name="subject">Whose policy, for the requirement's text: <c>the role's</c>, <c>the group's</c>.</param>
    /// <param name="notExported">The requirement when the policy was not exported.</param>
    /// <param name="directory">Names the approvers and tells a group's members.</param>
    public static ActivationVerdict Decide(ActivationPolicy? policy, string principalId, string subject, string notExported, EntraDirectory directory)
    {
        if (policy is null)
        {
            return new([notExported], string.Empty);
        }

        var supplies = Supplied(policy);
        if (!policy.RequiresApproval)
        {
            return new([], $" ({subject} PIM policy requires no approval{(supplies.Length == 0 ? string.Empty : $"; it supplies {supplies} itself")})");
        }

        var suffix = supplies.Length == 0 ? string.Empty : $" (it supplies {supplies} itself)";
        var stages = policy.ApprovalStages.Where(s => !s.IsEmpty).ToList();
        if (stages.Count == 0)
        {
            return new([$"an approver approves the activation: {subject} PIM policy requires approval but names no approver, so PIM's default approvers decide"], suffix);
        }

        var selfOnly = stages.FindIndex(s => !s.Any(a => CanBeSomeoneElse(a, principalId, directory)));
        if (selfOnly >= 0)
        {
            return new([$"an approver other than the principal approves the activation: {subject} PIM policy names only the principal itself ({Names(stages[selfOnly], directory)}), and PIM does not let anyone approve their own request"], suffix);
        }

        var named = stages.Count == 1
            ? Names(stages[0], directory)
            : string.Join("; ", stages.Select((s, i) => $"stage {i + 1}: {Names(s, directory)}"));
        return new([$"an approver named by {subject} PIM policy approves the activation ({named})"], suffix);
    }

    private static string Supplied(ActivationPolicy policy)
    {
        var parts = new List<string>();
        foreach (var rule in policy.EnabledRules)
        {
            parts.Add(rule switch
            {
                var r when r.Equals("MultiFactorAuthentication", StringComparison.OrdinalIgnoreCase) => "MFA",
                var r when r.Equals("Justification", StringComparison.OrdinalIgnoreCase) => "a justification",
                var r when r.Equals("Ticketing", StringComparison.OrdinalIgnoreCase) => "ticket information",
                _ => $"`{rule}`",
            });
        }

        if (policy.AuthenticationContext is { } context)
        {
            parts.Add($"the Conditional Access authentication context `{context}`");
        }

        return parts.Count <= 1 ? string.Concat(parts) : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
    }

    // A user other than the principal, a group with (or maybe with) another member, or another user set (a manager, a sponsor).
    private static bool CanBeSomeoneElse(PolicyApprover approver, string principalId, EntraDirectory directory) => approver.Kind switch
    {
        ApproverKind.User => !string.Equals(approver.Id, principalId, StringComparison.OrdinalIgnoreCase),
        ApproverKind.Group => approver.Id is null || !directory.HasMemberList(approver.Id)
            || MicrosoftEdgeContext.MembersOf(directory.FindGroup(approver.Id)!).Any(m => !string.Equals(m, principalId, StringComparison.OrdinalIgnoreCase)),
        _ => true,
    };

    private static string Names(ImmutableArray<PolicyApprover> approvers, EntraDirectory directory) =>
        string.Join(", ", approvers.Select(a => a.Kind switch
        {
            ApproverKind.User => $"user `{(a.Id is null ? null : directory.FindUser(a.Id)?.UserPrincipalName) ?? a.Description ?? a.Id}`",
            ApproverKind.Group => $"group `{(a.Id is null ? null : directory.FindGroup(a.Id)?.DisplayName) ?? a.Description ?? a.Id}`",
            _ => $"`{a.Description ?? "another user set"}`",
        }));
}
