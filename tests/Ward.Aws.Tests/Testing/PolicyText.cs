using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Testing;

/// <summary>Builds policies for tests from real JSON text, through the real parser.</summary>
internal static class PolicyText
{
    public static SourceLocation Location { get; } = new("test.json");

    /// <summary>Parses a policy the test expects to be valid; fails the test on any error diagnostic.</summary>
    public static PolicyDocument Parse(string json, PolicyKind kind = PolicyKind.Identity)
    {
        var result = Read(json, kind);
        Assert.False(result.HasErrors, "test policy has errors: " + string.Join(Environment.NewLine, result.Diagnostics));
        return Assert.IsType<PolicyDocument>(result.Document);
    }

    /// <summary>Parses a policy that may be invalid, keeping its diagnostics.</summary>
    public static PolicyParseResult Read(string json, PolicyKind kind = PolicyKind.Identity) =>
        PolicyParser.ParseText(json, kind, Location);

    /// <summary>Parses a policy that is expected to have errors, and returns the document anyway.</summary>
    public static PolicyDocument ParseWithProblems(string json, PolicyKind kind = PolicyKind.Identity)
    {
        var result = Read(json, kind);
        Assert.True(result.HasErrors, "expected the test policy to have errors");
        return Assert.IsType<PolicyDocument>(result.Document);
    }

    public static NamedPolicy Named(string name, string json, PolicyKind kind = PolicyKind.Identity) => new(name, Parse(json, kind));

    /// <summary>A 2012-10-17 policy whose statements are given as JSON objects.</summary>
    public static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
}
