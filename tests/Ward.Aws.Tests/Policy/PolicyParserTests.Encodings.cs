using System.Text.Json;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Policy;

public sealed partial class PolicyParserTests
{
    private const string SecretsPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "ReadSmtpRelay",
              "Effect": "Allow",
              "Action": ["secretsmanager:GetSecretValue"],
              "Resource": "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-*",
              "Condition": {"StringEquals": {"glue:DatabaseName": "Zürich-Daten", "aws:RequestTag/note": "a b%20c"}}
            }
          ]
        }
        """;

    [Fact]
    public void A_policy_given_as_a_JSON_string_is_read_like_the_object()
    {
        // Given the same policy as an object and as a JSON string holding it (as some tools write it)
        using var holder = JsonDocument.Parse(JsonSerializer.Serialize(new { Object = JsonDocument.Parse(SecretsPolicy).RootElement, Text = SecretsPolicy }));
        var asObject = holder.RootElement.GetProperty("Object");
        var asString = holder.RootElement.GetProperty("Text");
        Assert.Equal(JsonValueKind.String, asString.ValueKind);

        // When both are parsed
        var fromObject = PolicyParser.Parse(asObject, PolicyKind.Identity, PolicyText.Location);
        var fromString = PolicyParser.Parse(asString, PolicyKind.Identity, PolicyText.Location);

        // Then they are the same policy
        Assert.Empty(fromObject.Diagnostics);
        Assert.Empty(fromString.Diagnostics);
        Assert.Equal(PolicyPrinter.Print(fromObject.Document!), PolicyPrinter.Print(fromString.Document!));
    }

    [Fact]
    public void A_URL_encoded_policy_is_decoded_first()
    {
        // Given the policy percent-encoded, as the raw IAM API returns it (`+` as %2B, `ü` as %C3%BC, `%` as %25)
        var encoded = Uri.EscapeDataString(SecretsPolicy);
        Assert.Contains("%2B", encoded, StringComparison.Ordinal);
        Assert.Contains("%C3%BC", encoded, StringComparison.Ordinal);

        // When it is parsed
        var result = PolicyText.Read(encoded);

        // Then it is the same policy, every character intact
        Assert.Empty(result.Diagnostics);
        Assert.Equal(PolicyPrinter.Print(PolicyText.Parse(SecretsPolicy)), PolicyPrinter.Print(result.Document!));
        var statement = Assert.Single(result.Document!.Statements);
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-*", Assert.Single(statement.Resource!.Patterns));
        Assert.Equal<string>(["Zürich-Daten", "a b%20c"], statement.Conditions.Select(c => c.Values[0]), StringComparer.Ordinal);
    }

    [Fact]
    public void A_plus_sign_left_unencoded_stays_a_plus_sign()
    {
        // Given an encoded policy in which `+` was not percent-encoded (RFC 3986 leaves it a sub-delimiter)
        var encoded = Uri.EscapeDataString(SecretsPolicy).Replace("%2B", "+", StringComparison.Ordinal);

        // When it is parsed
        var result = PolicyText.Read(encoded);

        // Then `+` is not read as a space (that is form encoding, not what IAM uses)
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-*",
            Assert.Single(Assert.Single(result.Document!.Statements).Resource!.Patterns));
    }

    [Fact]
    public void A_URL_encoded_policy_inside_a_JSON_string_is_decoded()
    {
        // Given the raw API form: a JSON string holding the percent-encoded document
        var encoded = Uri.EscapeDataString(SecretsPolicy);
        using var holder = JsonDocument.Parse(JsonSerializer.Serialize(new { PolicyDocument = encoded }));

        // When it is parsed
        var result = PolicyParser.Parse(holder.RootElement.GetProperty("PolicyDocument"), PolicyKind.Identity, PolicyText.Location);

        // Then it is the same policy
        Assert.Empty(result.Diagnostics);
        Assert.Equal(PolicyPrinter.Print(PolicyText.Parse(SecretsPolicy)), PolicyPrinter.Print(result.Document!));
    }

    [Fact]
    public void JSON_text_is_never_URL_decoded()
    {
        // Given plain JSON whose values contain percent signs and plus signs
        var document = PolicyText.Parse(PolicyText.Policy(
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/100%25+done"}"""));

        // When parsed
        // Then the values are taken as written
        Assert.Equal("arn:aws:s3:::bucket/100%25+done", Assert.Single(Assert.Single(document.Statements).Resource!.Patterns));
    }
}
