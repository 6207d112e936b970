using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Policy.Parsing;

/// <summary>A parsed policy (null when nothing usable could be read) and everything noticed on the way.</summary>
public sealed record PolicyParseResult(PolicyDocument? Document, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
