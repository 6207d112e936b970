using System.Collections.Immutable;

namespace Ward.Aws.Policy.Syntax;

/// <summary>One statement of a policy.</summary>
public sealed record Statement
{
    /// <summary>Position in the policy, from 0; used to name statements without a Sid.</summary>
    public required int Index { get; init; }

    public string? Sid { get; init; }

    public required Effect Effect { get; init; }

    /// <summary><c>Principal</c> or <c>NotPrincipal</c>; null when the statement has neither (identity policies).</summary>
    public PrincipalElement? Principal { get; init; }

    public required ActionElement Action { get; init; }

    /// <summary><c>Resource</c> or <c>NotResource</c>; null when absent (allowed only in role trust policies).</summary>
    public ResourceElement? Resource { get; init; }

    public ImmutableArray<ConditionClause> Conditions { get; init; } = [];

    /// <summary>
    /// Why this statement cannot be evaluated faithfully (invalid grammar), or null. An evaluator meeting a
    /// problem statement that could apply answers Indeterminate instead of guessing.
    /// </summary>
    public string? Problem { get; init; }

    private ImmutableArray<string> _conditionTexts;

    /// <summary>The conditions as explanations show them (formatted once per statement).</summary>
    public ImmutableArray<string> ConditionTexts =>
        _conditionTexts.IsDefault ? _conditionTexts = [.. Conditions.Select(c => c.ToString())] : _conditionTexts;

    /// <summary>The name used in explanations: the Sid, or the statement's position.</summary>
    public string DisplayName => Sid is { Length: > 0 } sid ? sid : $"#{Index}";
}
