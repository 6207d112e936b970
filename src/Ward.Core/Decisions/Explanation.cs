using System.Collections.Immutable;

namespace Ward.Core.Decisions;

/// <summary>Why a decision came out as it did: one sentence, then what each policy layer contributed.</summary>
public sealed record Explanation(string Summary, ImmutableArray<LayerEvaluation> Layers)
{
    public static Explanation Of(string summary) => new(summary, []);
}

/// <summary>What one policy layer (identity policies, a boundary, an SCP level, a resource policy ...) said.</summary>
public sealed record LayerEvaluation(string Layer, string? Scope, LayerOutcome Outcome, ImmutableArray<StatementMatch> Statements)
{
    /// <summary>Whether this layer decided the outcome (the deny that won, the missing allow that blocked).</summary>
    public bool Decisive { get; init; }
}

public enum LayerOutcome
{
    Allows,
    Denies,
    NoMatchingAllow,
    Undecided,
}

/// <summary>A statement of a policy that matched the request, with the conditions it relied on.</summary>
public sealed record StatementMatch(string Policy, string Statement, StatementEffect Effect, ImmutableArray<string> Conditions)
{
    /// <summary>True when the statement matches only if unknown request facts hold.</summary>
    public bool Undecided { get; init; }
}

public enum StatementEffect
{
    Allow,
    Deny,
}
