using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Catalog;

/// <summary>
/// Checks a parsed policy against the action catalog: actions and wildcard patterns that match no known action,
/// and condition keys no service documents, are reported as warnings (likely typos). The policy is evaluated as
/// written either way: an unknown action simply matches nothing real.
/// </summary>
public sealed class CatalogChecks(AwsActionCatalog catalog)
{
    public const string UnknownAction = "WARD2101";
    public const string UnknownConditionKey = "WARD2102";

    // Distinct patterns and keys are few even in huge estates: decide each once.
    private readonly ConcurrentDictionary<string, bool> _knownActions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _knownKeys = new(StringComparer.OrdinalIgnoreCase);

    public static CatalogChecks Default { get; } = new(AwsActionCatalog.Default);

    public ImmutableArray<Diagnostic> Check(PolicyDocument document, SourceLocation location)
    {
        ImmutableArray<Diagnostic>.Builder? diagnostics = null;
        var documentPath = location.JsonPath ?? JsonPath.Root;
        foreach (var statement in document.Statements)
        {
            if (statement.Problem is not null)
            {
                continue;
            }

            var statementPath = document.StatementIsArray
                ? JsonPath.Index(JsonPath.Property(documentPath, "Statement"), statement.Index)
                : JsonPath.Property(documentPath, "Statement");
            foreach (var pattern in statement.Action.Patterns)
            {
                if (!pattern.MatchesEverything && !_knownActions.GetOrAdd(pattern.Text, IsKnownAction))
                {
                    (diagnostics ??= ImmutableArray.CreateBuilder<Diagnostic>()).Add(new Diagnostic(
                        UnknownAction,
                        DiagnosticSeverity.Warning,
                        $"`{pattern.Text}` matches no known AWS action (catalog {catalog.Source}); a typo, or an action newer than the catalog",
                        location.WithPath(JsonPath.Property(statementPath, statement.Action.Negated ? "NotAction" : "Action"))));
                }
            }

            foreach (var clause in statement.Conditions)
            {
                if (!_knownKeys.GetOrAdd(clause.Key, catalog.IsKnownConditionKey))
                {
                    (diagnostics ??= ImmutableArray.CreateBuilder<Diagnostic>()).Add(new Diagnostic(
                        UnknownConditionKey,
                        DiagnosticSeverity.Warning,
                        $"condition key `{clause.Key}` is not documented for any service; a typo makes the condition compare against an absent key",
                        location.WithPath(JsonPath.Property(JsonPath.Property(JsonPath.Property(statementPath, "Condition"), clause.Operator.Text), clause.Key))));
                }
            }
        }

        return diagnostics?.ToImmutable() ?? [];
    }

    private bool IsKnownAction(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var service = pattern[..colon];
        if (!service.AsSpan().ContainsAny('*', '?') && !catalog.IsKnownService(service))
        {
            return false;
        }

        return pattern.AsSpan().ContainsAny('*', '?')
            ? catalog.Expand(pattern).Any()
            : catalog.TryGetAction(pattern, out _);
    }
}
