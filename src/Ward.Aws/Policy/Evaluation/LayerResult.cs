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

    // Made on the first match: most layers of most requests match one statement or none.
    private List<MatchedStatement>? _matches;

    public IReadOnlyList<MatchedStatement> Matches => (IReadOnlyList<MatchedStatement>?)_matches ?? [];

    public bool HasUndecided => _matches is { } matches && matches.Exists(m => !m.IsDefinite);

    public void Add(MatchedStatement match) => (_matches ??= new List<MatchedStatement>(1)).Add(match);

    public void RemoveAll(Predicate<MatchedStatement> match) => _matches?.RemoveAll(match);

    public bool Allows(bool optimistic, Func<PrincipalMatch, bool>? principal = null) => FirstAllow(optimistic, principal) is not null;

    public MatchedStatement? FirstAllow(bool optimistic, Func<PrincipalMatch, bool>? principal = null)
    {
        MatchedStatement? undecided = null;
        if (_matches is null)
        {
            return null;
        }

        foreach (var match in _matches)
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
        if (_matches is null)
        {
            return null;
        }

        foreach (var match in _matches)
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
        var matches = _matches ?? [];
        var outcome = matches.Exists(m => m.IsDefinite && m.Statement.Effect == Effect.Deny) ? LayerOutcome.Denies
            : matches.Exists(m => m.IsDefinite && m.Statement.Effect == Effect.Allow) ? LayerOutcome.Allows
            : matches.Count > 0 ? LayerOutcome.Undecided
            : LayerOutcome.NoMatchingAllow;
        return new LayerEvaluation(Layer, Scope, outcome, [.. matches.Select(ToStatementMatch)]) { Decisive = decisive };
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
