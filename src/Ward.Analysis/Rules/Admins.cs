using Ward.Core.Model;

namespace Ward.Analysis.Rules;

/// <summary>What the entitlement graph says about a principal's power, for rules that weigh severity by it.</summary>
internal static class Admins
{
    /// <summary>Whether the principal is admin-equivalent without conditions (the admin-equivalent rule's high verdict).</summary>
    public static bool IsAdminEquivalent(AnalysisContext context, string arn) =>
        context.Graph.Admin.TryGetValue(new PrincipalId(arn), out var verdict) && verdict.IsAdmin;
}
