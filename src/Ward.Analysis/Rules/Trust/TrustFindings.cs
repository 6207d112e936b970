using Ward.Aws.Trust;
using Ward.Core.Decisions;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Trust;

/// <summary>What the trust rules share: the analysis of the estate's trust policies and how a finding reads.</summary>
internal static class TrustFindings
{
    public static IEnumerable<RoleTrust> Admitted(AnalysisContext context) =>
        AwsTrustAnalysis.Of(context.Estate, context.ReferenceTime).Where(t => t.Admits);

    public static bool IsAdmin(AnalysisContext context, RoleTrust trust) =>
        context.Graph.Admin.TryGetValue(new PrincipalId(trust.Role.Arn), out var verdict) && verdict.IsAdmin;

    /// <summary>The statement, the probe and the evaluator's answer, as a reader can check them.</summary>
    public static string Evidence(RoleTrust trust)
    {
        var sid = trust.Statement.DisplayName;
        var conditions = trust.Statement.ConditionTexts.IsEmpty ? "no conditions" : "conditions " + string.Join("; ", trust.Statement.ConditionTexts.Select(c => $"`{c}`"));
        var answer = trust.Probe switch
        {
            Conditional conditional => $"allowed only if {string.Join(" and ", conditional.Requirements)}",
            _ => trust.Probe.Explanation.Summary,
        };
        var others = trust.OtherStatements.IsEmpty ? string.Empty
            : $" {(trust.OtherStatements.Length == 1 ? "Statement" : "Statements")} {string.Join(", ", trust.OtherStatements.Select(s => $"`{s.DisplayName}`"))} {(trust.Admits ? (trust.OtherStatements.Length == 1 ? "lets it in" : "let it in") : (trust.OtherStatements.Length == 1 ? "names it" : "name it"))} as well.";
        return $"Trust policy statement `{sid}` names `{trust.Party}` with {conditions}.{others} Probe: {trust.ProbeCaller} asking {trust.ProbeAction} (its own policies assumed to allow) → {answer}";
    }

    public static Finding Make(RuleMetadata rule, RoleTrust trust, Severity severity, string title, string explanation) => new()
    {
        RuleId = rule.Id,
        Category = rule.Category,
        Severity = severity,
        Provider = "aws",
        Account = trust.Role.Account,
        Principal = trust.Role.Arn,
        Title = title,
        Explanation = explanation,
        Remediation = rule.Remediation,
        References = rule.References,
        Fingerprint = Finding.FingerprintOf(rule.Id, trust.Role.Arn, trust.Party),
    };
}
