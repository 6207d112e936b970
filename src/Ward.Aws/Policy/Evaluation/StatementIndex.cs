using System.Collections.Frozen;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// A policy document's statements by the service their actions name, so that deciding an action looks only at the
/// statements that can match it: a principal's dozens of statements usually hold one or two for any one service.
/// </summary>
/// <remarks>
/// Built once per document and shared by every principal the document is attached to (a managed policy is one
/// document however many users carry it). <see cref="For"/> returns a superset of the statements whose action
/// element matches, in document order; callers still match each one.
/// </remarks>
public sealed class StatementIndex
{
    private readonly FrozenDictionary<string, Statement[]>.AlternateLookup<ReadOnlySpan<char>> _byService;
    private readonly Statement[] _anyService;

    private StatementIndex(FrozenDictionary<string, Statement[]> byService, Statement[] anyService)
    {
        _byService = byService.GetAlternateLookup<ReadOnlySpan<char>>();
        _anyService = anyService;
    }

    /// <summary>The index of a document (built on first use).</summary>
    public static StatementIndex Of(PolicyDocument document) => document.StatementIndex ??= Build(document);

    /// <summary>
    /// The statements that could match the action (lower case <c>service:name</c>): those naming its service, and
    /// those that could name any service (<c>*</c>, a wildcard service, NotAction, an unreadable statement).
    /// </summary>
    public Statement[] For(string actionLower)
    {
        var colon = actionLower.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return _anyService;
        }

        return _byService.TryGetValue(actionLower.AsSpan(0, colon), out var statements) ? statements : _anyService;
    }

    private static StatementIndex Build(PolicyDocument document)
    {
        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in document.Statements)
        {
            if (!CouldNameAnyService(statement))
            {
                foreach (var pattern in statement.Action.Patterns)
                {
                    services.Add(pattern.Service);
                }
            }
        }

        // Each service's list keeps document order, with the any-service statements in their places.
        var byService = services.ToFrozenDictionary(
            service => service,
            service => document.Statements.Where(s => CouldNameAnyService(s) || s.Action.Patterns.Any(p => p.Service == service)).ToArray(),
            StringComparer.Ordinal);
        return new StatementIndex(byService, [.. document.Statements.Where(CouldNameAnyService)]);
    }

    private static bool CouldNameAnyService(Statement statement) =>
        statement.Problem is not null
        || statement.Action.Negated
        || statement.Action.Patterns.Any(p => p.MatchesEverything || p.Service.Length == 0 || p.Service.AsSpan().ContainsAny('*', '?'));
}
