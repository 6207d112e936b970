using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>A statement that applies to the request, definitely or only if unknown conditions hold.</summary>
internal sealed record MatchedStatement(string Policy, Statement Statement, Tri Match, PrincipalMatch Principal, IReadOnlyList<string>? UndecidedConditions)
{
    public bool IsProblem => Statement.Problem is not null;

    public bool IsDefinite => Match == Tri.True && !IsProblem;
}

/// <summary>What one layer's policies say about the request.</summary>
internal sealed class LayerResult(string layer, string? scope)
{
    public string Layer { get; } = layer;

    public string? Scope { get; } = scope;

    public List<MatchedStatement> Matches { get; } = [];

    public bool Allows(bool optimistic, Func<PrincipalMatch, bool>? principal = null) => FirstAllow(optimistic, principal) is not null;

    public MatchedStatement? FirstAllow(bool optimistic, Func<PrincipalMatch, bool>? principal = null)
    {
        MatchedStatement? undecided = null;
        foreach (var match in Matches)
        {
            // An unreadable statement could name anyone, however the caller is required to be named: it counts
            // for every principal test (and only in the optimistic pass, since it is never definite).
            if ((match.Statement.Effect != Effect.Allow && !match.IsProblem) || (principal is not null && !match.IsProblem && !principal(match.Principal)))
            {
                continue;
            }

            if (match.IsDefinite)
            {
                return match;
            }

            if (optimistic)
            {
                undecided ??= match;
            }
        }

        return undecided;
    }

    public MatchedStatement? FirstDeny(bool optimistic)
    {
        MatchedStatement? undecided = null;
        foreach (var match in Matches)
        {
            if (match.Statement.Effect != Effect.Deny && !match.IsProblem)
            {
                continue;
            }

            if (match.IsDefinite)
            {
                return match;
            }

            if (!optimistic)
            {
                undecided ??= match;
            }
        }

        return undecided;
    }

    public LayerEvaluation ToEvaluation(bool decisive)
    {
        var outcome = Matches.Exists(m => m.IsDefinite && m.Statement.Effect == Effect.Deny) ? LayerOutcome.Denies
            : Matches.Exists(m => m.IsDefinite && m.Statement.Effect == Effect.Allow) ? LayerOutcome.Allows
            : Matches.Count > 0 ? LayerOutcome.Undecided
            : LayerOutcome.NoMatchingAllow;
        return new LayerEvaluation(Layer, Scope, outcome, [.. Matches.Select(ToStatementMatch)]) { Decisive = decisive };
    }

    private static StatementMatch ToStatementMatch(MatchedStatement match) => new(
        match.Policy,
        match.Statement.DisplayName,
        match.Statement.Effect == Effect.Allow ? StatementEffect.Allow : StatementEffect.Deny,
        match.Statement.ConditionTexts)
    {
        Undecided = !match.IsDefinite,
    };

    public ImmutableArray<string> UndecidedRequirements() =>
        [.. Matches.Where(m => !m.IsDefinite).SelectMany(m => m.IsProblem
            ? [$"statement `{m.Statement.DisplayName}` of `{m.Policy}` could be evaluated ({m.Statement.Problem})"]
            : (m.UndecidedConditions ?? []).Select(c => m.Statement.Effect == Effect.Allow
                ? $"`{c}` holds ({Layer}, `{m.Policy}` statement `{m.Statement.DisplayName}`)"
                : $"`{c}` does not hold ({Layer} deny, `{m.Policy}` statement `{m.Statement.DisplayName}`)"))];
}
