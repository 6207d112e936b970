using System.Collections.Immutable;

namespace Ward.Analysis;

/// <summary>What a rule is: its stable id (also the SARIF ruleId and the docs page name), and how to read it.</summary>
public sealed record RuleMetadata(
    string Id,
    string Title,
    string Category,
    Severity DefaultSeverity,
    string Description,
    string Remediation,
    ImmutableArray<string> Providers,
    ImmutableArray<string> References)
{
    /// <summary>Inputs the rule needs besides the authorization details (none by default).</summary>
    public RuleInputs Requires { get; init; } = RuleInputs.None;
}
