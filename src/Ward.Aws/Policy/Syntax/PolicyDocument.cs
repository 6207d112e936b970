using System.Collections.Immutable;

namespace Ward.Aws.Policy.Syntax;

/// <summary>An AWS policy document as written, with each statement parsed for evaluation.</summary>
public sealed record PolicyDocument
{
    public required PolicyVersion Version { get; init; }

    /// <summary>The literal <c>Version</c> text, kept for printing (null when absent).</summary>
    public string? VersionText { get; init; }

    public string? Id { get; init; }

    public required ImmutableArray<Statement> Statements { get; init; }

    /// <summary>Whether <c>Statement</c> was written as an array (kept so printing round-trips).</summary>
    public bool StatementIsArray { get; init; } = true;

    /// <summary>A stand-in for a policy Ward could not read: it makes affected decisions indeterminate, never silent.</summary>
    public static PolicyDocument Unreadable(string problem) => new()
    {
        Version = PolicyVersion.Version2012,
        Statements =
        [
            new Statement
            {
                Index = 0,
                Effect = Effect.Allow,
                Action = new ActionElement(false, [], false),
                Problem = problem,
            },
        ],
    };

    /// <summary>True when policy variables are substituted (Version 2012-10-17 only).</summary>
    public bool SupportsVariables => Version == PolicyVersion.Version2012;

    /// <summary>The document's statements by service, built on first use (see <see cref="Evaluation.StatementIndex"/>).</summary>
    /// <remarks>Kept on the document rather than in a side table: estates hold tens of thousands of documents, and weak side tables cost every garbage collection.</remarks>
    internal Evaluation.StatementIndex? StatementIndex { get; set; }

    // A copy (`with`) may change the statements: it builds its own index.
    private PolicyDocument(PolicyDocument original)
    {
        Version = original.Version;
        VersionText = original.VersionText;
        Id = original.Id;
        Statements = original.Statements;
        StatementIsArray = original.StatementIsArray;
    }

    // The index is derived from the statements: equality is the document's, as written.
    public bool Equals(PolicyDocument? other) =>
        other is not null && Version == other.Version && string.Equals(VersionText, other.VersionText, StringComparison.Ordinal)
        && string.Equals(Id, other.Id, StringComparison.Ordinal) && Statements.Equals(other.Statements) && StatementIsArray == other.StatementIsArray;

    public override int GetHashCode() => HashCode.Combine(Version, VersionText, Id, Statements, StatementIsArray);
}
