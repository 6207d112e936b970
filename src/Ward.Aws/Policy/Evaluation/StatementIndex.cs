using System.Collections.Immutable;
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
    // Most documents name a few services: a list searched in order beats hashing. Documents naming many (AWS managed
    // policies such as ReadOnlyAccess) get a dictionary.
    private const int ListedServicesLimit = 8;

    private readonly string[] _services;
    private readonly Statement[][] _statementsByService;
    private readonly Dictionary<string, Statement[]>.AlternateLookup<ReadOnlySpan<char>>? _manyServices;
    private readonly Statement[] _anyService;
    private readonly ImmutableArray<Statement> _statements;
    private DefiniteMatches? _definiteMatches;

    private StatementIndex(ImmutableArray<Statement> statements, string[] services, Statement[][] statementsByService, Statement[] anyService)
    {
        _statements = statements;
        _services = services;
        _statementsByService = statementsByService;
        _anyService = anyService;
        if (services.Length > ListedServicesLimit)
        {
            var byService = new Dictionary<string, Statement[]>(services.Length, StringComparer.Ordinal);
            for (var i = 0; i < services.Length; i++)
            {
                byService[services[i]] = statementsByService[i];
            }

            _manyServices = byService.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>The services the document's statements name one by one (lower case).</summary>
    public IReadOnlyList<string> Services => _services;

    /// <summary>Whether some statement could name any service (and so is among <see cref="For"/>'s answer for every action).</summary>
    public bool HasAnyServiceStatements => _anyService.Length > 0;

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

        var service = actionLower.AsSpan(0, colon);
        if (_manyServices is { } many)
        {
            return many.TryGetValue(service, out var found) ? found : _anyService;
        }

        for (var i = 0; i < _services.Length; i++)
        {
            if (service.SequenceEqual(_services[i]))
            {
                return _statementsByService[i];
            }
        }

        return _anyService;
    }

    /// <summary>
    /// The match of one of the document's statements that applies, without undecided conditions, to a request on the
    /// caller's side (identity, boundary, session and control policies, where the caller is the principal): the same
    /// for every such request, so made once per statement. A document carried under another name (or a statement not
    /// its own) gets a new one.
    /// </summary>
    internal MatchedStatement DefiniteMatch(string policyName, Statement statement)
    {
        var cache = _definiteMatches;
        if (cache is null)
        {
            var made = new DefiniteMatches(policyName, new MatchedStatement?[_statements.Length]);
            cache = Interlocked.CompareExchange(ref _definiteMatches, made, null) ?? made;
        }

        var index = statement.Index;
        var isOwn = string.Equals(cache.PolicyName, policyName, StringComparison.Ordinal) && (uint)index < (uint)_statements.Length && ReferenceEquals(_statements[index], statement);

        // Two threads may both make it: either copy is the same match.
        return isOwn ? cache.Matches[index] ??= Made(policyName, statement) : Made(policyName, statement);

        static MatchedStatement Made(string policyName, Statement statement) => new(policyName, statement, Tri.True, PrincipalMatch.Exact, null);
    }

    private sealed record DefiniteMatches(string PolicyName, MatchedStatement?[] Matches);

    private static StatementIndex Build(PolicyDocument document)
    {
        var services = new List<string>();
        foreach (var statement in document.Statements)
        {
            if (!CouldNameAnyService(statement))
            {
                foreach (var pattern in statement.Action.Patterns)
                {
                    if (!services.Contains(pattern.Service, StringComparer.Ordinal))
                    {
                        services.Add(pattern.Service);
                    }
                }
            }
        }

        // Each service's list keeps document order, with the any-service statements in their places.
        var statementsByService = services.Select(service => document.Statements.Where(s => CouldNameAnyService(s) || s.Action.Patterns.Any(p => p.Service == service)).ToArray()).ToArray();
        return new StatementIndex(document.Statements, [.. services], statementsByService, [.. document.Statements.Where(CouldNameAnyService)]);
    }

    private static bool CouldNameAnyService(Statement statement) =>
        statement.Problem is not null
        || statement.Action.Negated
        || statement.Action.Patterns.Any(p => p.MatchesEverything || p.Service.Length == 0 || p.Service.AsSpan().ContainsAny('*', '?'));
}
