using System.Text.Json.Nodes;
using CsCheck;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Policy;

public sealed partial class PolicyParserTests
{
    [Fact]
    public void Printing_a_parsed_policy_and_parsing_it_again_changes_nothing()
    {
        // Given random valid policies in every written form
        // When each is parsed, printed, parsed again and printed again
        // Then both prints are identical, and the second parse saw the same statements
        GeneratedPolicies.Sample(
            generated =>
            {
                var first = PolicyText.Read(generated.Json, generated.Kind);
                Assert.False(first.HasErrors, string.Join(Environment.NewLine, first.Diagnostics));
                var printed = PolicyPrinter.Print(first.Document!);

                var second = PolicyText.Read(printed, generated.Kind);
                Assert.False(second.HasErrors, string.Join(Environment.NewLine, second.Diagnostics));
                Assert.Equal(printed, PolicyPrinter.Print(second.Document!));
                Assert.Equal(Summary(first.Document!), Summary(second.Document!));
            },
            iter: 3_000,
            print: generated => generated.Json);
    }

    [Fact]
    public void The_URL_encoded_form_of_any_policy_parses_to_the_same_policy()
    {
        // Given random valid policies, and each one percent-encoded
        // When both are parsed
        // Then they print identically, and say the same of their values (a generated value an operator cannot read,
        // such as an IpAddress value that is no address, is a warning in both forms, at the same place)
        GeneratedPolicies.Sample(
            generated =>
            {
                var plain = PolicyText.Read(generated.Json, generated.Kind);
                var encoded = PolicyText.Read(Uri.EscapeDataString(generated.Json), generated.Kind);
                Assert.False(encoded.HasErrors, string.Join(Environment.NewLine, encoded.Diagnostics));
                Assert.Equal(plain.Diagnostics.Select(d => (d.Code, d.Location.JsonPath)), encoded.Diagnostics.Select(d => (d.Code, d.Location.JsonPath)));
                Assert.Equal(PolicyPrinter.Print(plain.Document!), PolicyPrinter.Print(encoded.Document!));
            },
            iter: 1_000,
            print: generated => generated.Json);
    }

    [Fact]
    public void Parsing_never_throws_on_random_text()
    {
        // Given random strings over JSON's punctuation, letters, digits and percent signs
        var garbage = Gen.Char["{}[]\":,.-+%0123456789AEFaeflnrstu \\\n\t/*"].Array[0, 60].Select(chars => new string(chars));

        // When each is parsed as every kind of policy
        // Then nothing throws, and a missing document always comes with an error
        garbage.Sample(
            text =>
            {
                foreach (var kind in Enum.GetValues<PolicyKind>())
                {
                    var result = PolicyText.Read(text, kind);
                    Assert.True(result.Document is not null || result.HasErrors);
                }
            },
            iter: 5_000);
    }

    [Fact]
    public void Parsing_never_throws_on_damaged_policies()
    {
        // Given random valid policies cut short or with one character replaced
        var damaged = GeneratedPolicies.SelectMany(
            generated => Gen.Int[0, generated.Json.Length].SelectMany(
                cut => Gen.Char["{}[]\":,x0 %"].Select(c => Gen.Bool.Select(
                    truncate => (generated.Kind, Text: truncate
                        ? generated.Json[..cut]
                        : generated.Json[..cut] + c + generated.Json[Math.Min(cut + 1, generated.Json.Length)..])))));

        // When each is parsed, plainly and URL-encoded
        // Then nothing throws
        damaged.SelectMany(g => g).Sample(
            damage =>
            {
                var plain = PolicyText.Read(damage.Text, damage.Kind);
                var encoded = PolicyText.Read(Uri.EscapeDataString(damage.Text), damage.Kind);
                Assert.True(plain.Document is not null || plain.HasErrors);
                Assert.True(encoded.Document is not null || encoded.HasErrors);
            },
            iter: 3_000);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%E0%A4%A")]
    [InlineData("%7B%22Version%22%3A")]
    [InlineData("%ZZ{}")]
    [InlineData("\u0000")]
    public void Broken_percent_encoding_is_reported_not_thrown(string text)
    {
        // Given text that looks URL-encoded but is broken
        // When it is parsed
        var result = PolicyText.Read(text);

        // Then it is an invalid-JSON error
        Assert.Null(result.Document);
        Assert.Equal(PolicyDiagnosticCodes.InvalidJson, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Deeply_nested_JSON_is_reported_not_thrown()
    {
        // Given JSON nested far beyond any policy
        var text = "{\"Statement\":" + new string('[', 500) + new string(']', 500) + "}";

        // When it is parsed
        var result = PolicyText.Read(text);

        // Then it is refused with a diagnostic
        Assert.Null(result.Document);
        Assert.Equal(PolicyDiagnosticCodes.InvalidJson, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_lone_surrogate_is_reported_not_thrown()
    {
        // Given text with an unpaired UTF-16 surrogate
        const string text = "{\"Version\":\"2012-10-17\",\"Id\":\"\uD800\",\"Statement\":[]}";

        // When it is parsed
        var result = PolicyText.Read(text);

        // Then it is an invalid-JSON error, not an exception
        Assert.Null(result.Document);
        Assert.Equal(PolicyDiagnosticCodes.InvalidJson, Assert.Single(result.Diagnostics).Code);
    }

    private sealed record GeneratedPolicy(string Json, PolicyKind Kind);

    private static readonly Gen<string> Words = Gen.OneOf(
        "alice", "a+b", "Zürich-Daten", "quote\"d", "back\\slash", "${aws:username}", "日本", "tab\tand\nnewline", "", "100%", "x y", "<tag>&");

    private static readonly Gen<string> Actions = Gen.OneOf("s3:GetObject", "s3:*", "*", "iam:Pass?ole", "ec2:Describe*", "S3:ListBucket", "sts:AssumeRole");

    private static readonly Gen<string> Resources = Gen.OneOf(
        "*", "arn:aws:s3:::reports/*", "arn:aws:s3:::home/${aws:username}/*", "arn:aws:secretsmanager:eu-west-1:444455556666:secret:smtp+relay-*",
        "arn:aws:iam::111122223333:role/nw-*", "arn:aws:s3:::Zürich/日本");

    private static readonly Gen<string> AwsPrincipals = Gen.OneOf(
        "*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/deploy/ci");

    private static readonly Gen<string> Operators = Gen.OneOf(
        "StringEquals", "StringLike", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "NumericLessThanIfExists", "Bool", "Null",
        "IpAddress", "DateGreaterThan", "ArnLike", "StringNotEqualsIfExists");

    private static readonly Gen<string> Keys = Gen.OneOf("aws:username", "aws:PrincipalTag/team", "s3:prefix", "aws:SourceIp", "aws:MultiFactorAuthPresent");

    private static readonly Gen<JsonNode> Scalars = Gen.Frequency(
        (4, Words.Select(w => (JsonNode)JsonValue.Create(w))),
        (1, Gen.Int[-5, 100_000].Select(i => (JsonNode)JsonValue.Create(i))),
        (1, Gen.OneOf(1.50m, 0.1m, -2m, 1e3m).Select(d => (JsonNode)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b))));

    private static Gen<JsonNode> StringOrArray(Gen<string> values) => Gen.Frequency(
        (2, values.Select(v => (JsonNode)JsonValue.Create(v))),
        (1, values.Array[0, 3].Select(vs => (JsonNode)new JsonArray([.. vs.Select(v => (JsonNode)JsonValue.Create(v))]))));

    private static readonly Gen<JsonNode> ConditionValues = Gen.Frequency(
        (2, Scalars),
        (1, Scalars.Array[0, 3].Select(vs => (JsonNode)new JsonArray(vs))));

    private static readonly Gen<JsonNode?> Conditions = Gen.Frequency(
        (2, Gen.Const((JsonNode?)null)),
        (3, Gen.Select(Operators, Keys, ConditionValues).Array[1, 4].Select(clauses =>
        {
            var condition = new JsonObject();
            foreach (var (op, key, value) in clauses)
            {
                var keys = condition[op] as JsonObject ?? [];
                condition[op] = keys;
                keys[key] = value.DeepClone();
            }

            return (JsonNode?)condition;
        })));

    private static readonly Gen<JsonNode> Principals = Gen.Frequency(
        (1, Gen.Const<JsonNode>(() => JsonValue.Create("*"))),
        (3, Gen.Select(
            Gen.Null(StringOrArray(AwsPrincipals), 0.3),
            Gen.Null(StringOrArray(Gen.OneOf("lambda.amazonaws.com", "ec2.amazonaws.com")), 0.6),
            Gen.Null(StringOrArray(Gen.OneOf("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "cognito-identity.amazonaws.com")), 0.7),
            Gen.Null(StringOrArray(Gen.OneOf("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")), 0.8))
            .Select((aws, service, federated, canonical) =>
            {
                var principal = new JsonObject();
                if (aws is not null)
                {
                    principal["AWS"] = aws;
                }

                if (service is not null)
                {
                    principal["Service"] = service;
                }

                if (federated is not null)
                {
                    principal["Federated"] = federated;
                }

                if (canonical is not null)
                {
                    principal["CanonicalUser"] = canonical;
                }

                return (JsonNode)principal;
            })));

    private static Gen<JsonNode> Statements(bool resourcePolicy) =>
        Gen.Select(
            Gen.Null(Words, 0.5),
            Gen.Bool,
            Gen.Select(Gen.Bool, Principals),
            Gen.Select(Gen.Bool, StringOrArray(Actions)),
            Gen.Select(Gen.Bool, StringOrArray(Resources)),
            Conditions)
        .Select((sid, allow, principal, action, resource, condition) =>
        {
            var statement = new JsonObject();
            if (sid is not null)
            {
                statement["Sid"] = sid;
            }

            statement["Effect"] = allow ? "Allow" : "Deny";
            if (resourcePolicy)
            {
                statement[principal.Item1 && !allow ? "NotPrincipal" : "Principal"] = principal.Item2;
            }

            statement[action.Item1 ? "NotAction" : "Action"] = action.Item2;
            statement[resource.Item1 ? "NotResource" : "Resource"] = resource.Item2;
            if (condition is not null)
            {
                statement["Condition"] = condition;
            }

            return (JsonNode)statement;
        });

    private static readonly Gen<GeneratedPolicy> GeneratedPolicies =
        Gen.Bool.SelectMany(resourcePolicy => Gen.Select(
                Gen.OneOf<string?>("2012-10-17", "2008-10-17", null),
                Gen.Null(Words, 0.7),
                Gen.Bool,
                Statements(resourcePolicy).Array[0, 3])
            .Select((version, id, single, statements) =>
            {
                var document = new JsonObject();
                if (version is not null)
                {
                    document["Version"] = version;
                }

                if (id is not null)
                {
                    document["Id"] = id;
                }

                document["Statement"] = single && statements.Length == 1 ? statements[0] : new JsonArray(statements);
                return new GeneratedPolicy(document.ToJsonString(), resourcePolicy ? PolicyKind.Resource : PolicyKind.Identity);
            }));

    /// <summary>What a document says, element by element, independently of the printer.</summary>
    private static string Summary(PolicyDocument document) => string.Join(
        "\n",
        document.Statements.Select(s => string.Join(
            " | ",
            s.Index,
            s.Sid,
            s.Effect,
            s.Principal is null ? "-" : $"{s.Principal.Negated}/{s.Principal.IsWildcardString}/{string.Join(",", s.Principal.Entries)}",
            $"{s.Action.Negated}/{string.Join(",", s.Action.Patterns.Select(p => p.Text))}",
            s.Resource is null ? "-" : $"{s.Resource.Negated}/{string.Join(",", s.Resource.Patterns)}",
            string.Join(";", s.Conditions.Select(c => $"{c.Operator}/{c.Key}/{string.Join(",", c.Values)}")))))
        + $"\n{document.Version}/{document.Id}";
}
