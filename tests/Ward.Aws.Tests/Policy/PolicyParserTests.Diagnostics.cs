using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Policy;

public sealed partial class PolicyParserTests
{
    private const string Fine = "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"";

    public static TheoryData<string, string, string> DocumentProblems() => new()
    {
        // policy text, expected code, expected JSON path
        { "{", PolicyDiagnosticCodes.InvalidJson, "" },
        { "{\"Version\":\"2012-10-17\",\"Statement\":[}", PolicyDiagnosticCodes.InvalidJson, "" },
        { "", PolicyDiagnosticCodes.InvalidJson, "" },
        { "{\"Version\":\"2012-10-17\",\"Comment\":\"hi\",\"Statement\":[{" + Fine + "}]}", PolicyDiagnosticCodes.UnknownTopLevelElement, "$.Comment" },
        { "{\"version\":\"2012-10-17\",\"Statement\":[{" + Fine + "}]}", PolicyDiagnosticCodes.UnknownTopLevelElement, "$.version" },
        { "{\"Version\":\"2020-01-01\",\"Statement\":[{" + Fine + "}]}", PolicyDiagnosticCodes.InvalidVersion, "$.Version" },
        { "{\"Version\":2012,\"Statement\":[{" + Fine + "}]}", PolicyDiagnosticCodes.InvalidVersion, "$.Version" },
        { "{\"Version\":\"2012-10-17\"}", PolicyDiagnosticCodes.MissingStatement, "$" },
        { "{\"Version\":\"2012-10-17\",\"Statement\":42}", PolicyDiagnosticCodes.InvalidStatement, "$.Statement" },
        { "{\"Version\":\"2012-10-17\",\"Statement\":[{" + Fine + "},\"oops\"]}", PolicyDiagnosticCodes.InvalidStatement, "$.Statement[1]" },
        { "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[{" + Fine + "}]}", PolicyDiagnosticCodes.DuplicateKey, "$.Version" },
    };

    [Theory]
    [MemberData(nameof(DocumentProblems))]
    public void Document_level_problems_are_reported_with_code_and_path(string json, string code, string path)
    {
        // Given a policy with a document-level problem
        // When it is parsed
        var result = PolicyText.Read(json);

        // Then the diagnostic has the code, the file and the place
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("test.json", diagnostic.Location.File);
        if (code != PolicyDiagnosticCodes.InvalidJson)
        {
            Assert.Equal(path, diagnostic.Location.JsonPath);
        }
    }

    public static TheoryData<string, string> UnreadableConditionValues() => new()
    {
        // condition element, JSON path of the value the operator cannot read
        { "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"tomorrow\"}}", "$.Statement[0].Condition.DateGreaterThan['aws:CurrentTime']" },
        { "{\"DateLessThanIfExists\":{\"aws:CurrentTime\":[\"2026-12-31T00:00:00Z\",\"end of year\"]}}", "$.Statement[0].Condition.DateLessThanIfExists['aws:CurrentTime'][1]" },
        { "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"${aws:CurrentTime}\"}}", "$.Statement[0].Condition.DateGreaterThan['aws:CurrentTime']" },
        { "{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}", "$.Statement[0].Condition.NumericLessThan['s3:max-keys']" },
        { "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}", "$.Statement[0].Condition.IpAddress['aws:SourceIp']" },
        { "{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.300\"}}", "$.Statement[0].Condition.NotIpAddress['aws:SourceIp']" },
        { "{\"ForAnyValue:IpAddress\":{\"aws:SourceIp\":[\"office\"]}}", "$.Statement[0].Condition['ForAnyValue:IpAddress']['aws:SourceIp'][0]" },
        { "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"yes\"}}", "$.Statement[0].Condition.Bool['aws:MultiFactorAuthPresent']" },
    };

    [Theory]
    [MemberData(nameof(UnreadableConditionValues))]
    public void A_condition_value_its_operator_cannot_read_is_a_warning_at_its_path_and_the_statement_is_decided(string condition, string path)
    {
        // Given a Deny whose condition has a value its operator cannot read
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":" + condition + "}]}";

        // When it is parsed
        var result = PolicyText.Read(json);

        // Then a warning names the value's place, and the statement is kept without a problem
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(PolicyDiagnosticCodes.UnreadableConditionValue, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(path, diagnostic.Location.JsonPath);
        Assert.False(result.HasErrors);
        Assert.Null(Assert.Single(result.Document!.Statements).Problem);
    }

    [Fact]
    public void An_unreadable_value_after_a_value_of_the_wrong_type_is_reported_at_its_own_index()
    {
        // Given a date condition whose list holds a null, then `tomorrow`
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":[null,\"tomorrow\"]}}}]}";

        // When it is parsed
        var result = PolicyText.Read(json);

        // Then the null is an error at [0] and `tomorrow` a warning at [1], where each is
        Assert.Equal("$.Statement[0].Condition.DateGreaterThan['aws:CurrentTime'][0]", Assert.Single(result.Diagnostics, d => d.Code == PolicyDiagnosticCodes.WrongValueType).Location.JsonPath);
        Assert.Equal("$.Statement[0].Condition.DateGreaterThan['aws:CurrentTime'][1]", Assert.Single(result.Diagnostics, d => d.Code == PolicyDiagnosticCodes.UnreadableConditionValue).Location.JsonPath);
    }

    [Theory]
    [InlineData("DateGreaterThan", "")]
    [InlineData("DateGreaterThanIfExists", "a request without `aws:TokenIssueTime` still meets the condition")]
    [InlineData("ForAllValues:DateGreaterThan", "a request without `aws:TokenIssueTime` still meets the condition")]
    [InlineData("DateNotEquals", "for a request with `aws:TokenIssueTime` the condition is then false whatever its other values, and for one without it true")]
    public void The_warning_says_when_the_condition_still_holds_without_the_key(string conditionOperator, string said)
    {
        // Given a Deny whose date condition compares with `tomorrow`, under each kind of operator
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"" + conditionOperator + "\":{\"aws:TokenIssueTime\":\"tomorrow\"}}}]}";

        // When it is parsed
        var message = Assert.Single(PolicyText.Read(json).Diagnostics).Message;

        // Then the warning says what the condition still does without the key (nothing for a plain operator)
        Assert.Contains("never matches", message, StringComparison.Ordinal);
        if (said.Length == 0)
        {
            Assert.DoesNotContain("without", message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(said, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-12-31T23:59:59Z\"}}")]
    [InlineData("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-12-31\"}}")]
    [InlineData("{\"DateLessThan\":{\"aws:EpochTime\":1798761600}}")]
    [InlineData("{\"NumericLessThanEquals\":{\"s3:max-keys\":[\"10\",1000,\"2.5\"]}}")]
    [InlineData("{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"10.1.2.3/16\",\"2001:db8::/32\",\"198.51.100.7\"]}}")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":[\"TRUE\",false]}}")]
    [InlineData("{\"Bool\":{\"aws:SecureTransport\":\"${aws:SecureTransport}\"}}")]
    [InlineData("{\"StringLike\":{\"aws:userid\":\"tomorrow\"}}")]
    public void Readable_condition_values_give_no_warning(string condition)
    {
        // Given conditions whose values their operators read (dates, epoch seconds, numbers as text or JSON, CIDRs with
        // host bits as IAM accepts them, booleans in any case, a string operator with any text)
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":" + condition + "}]}";

        // When it is parsed
        var result = PolicyText.Read(json);

        // Then nothing is reported
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"just text\"")]
    [InlineData("42")]
    public void A_document_that_is_not_an_object_yields_no_document(string json)
    {
        // Given valid JSON that is not an object
        // When it is parsed
        var result = PolicyText.Read(json);

        // Then there is no document and one error
        Assert.Null(result.Document);
        Assert.Equal(PolicyDiagnosticCodes.NotAnObject, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_reported_at_the_root()
    {
        // Given valid JSON that is not an object, parsed at a location without a path
        // When it is parsed
        var diagnostic = Assert.Single(PolicyText.Read("[]").Diagnostics);

        // Then the diagnostic is at the root, like the other document-level ones
        Assert.Equal("$", diagnostic.Location.JsonPath);
    }

    [Fact]
    public void Invalid_JSON_yields_no_document_and_says_where()
    {
        // Given JSON broken on its second line
        const string json = "{\"Version\": \"2012-10-17\",\n \"Statement\": [ { \"Effect\": \"Allow\", } ] }";

        // When it is parsed
        var result = PolicyText.Read(json);

        // Then there is no document, and the message names the line
        Assert.Null(result.Document);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(PolicyDiagnosticCodes.InvalidJson, diagnostic.Code);
        Assert.Contains("line 2", diagnostic.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, PolicyKind, string, string> StatementProblems() => new()
    {
        // statement, policy kind, expected code, expected JSON path
        { "{\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidEffect, "$.Statement[0].Effect" },
        { "{\"Effect\":\"allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidEffect, "$.Statement[0].Effect" },
        { "{\"Effect\":true,\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidEffect, "$.Statement[0].Effect" },
        { "{\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidEffect, "$.Statement[0]" },
        { "{\"Effect\":\"Allow\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidAction, "$.Statement[0]" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidAction, "$.Statement[0].Action" },
        { "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3 :Put\"],\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidAction, "$.Statement[0].Action[1]" },
        { "{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"NotAction\":\"ec2:TerminateInstances\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidAction, "$.Statement[0].NotAction" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidResource, "$.Statement[0]" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"NotResource\":\"x\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidResource, "$.Statement[0].NotResource" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":{\"Bucket\":\"b\"}}", PolicyKind.Identity, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Resource" },
        { "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",7],\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Action[1]" },
        { "{\"Sid\":1,\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Sid" },
        { "{\"Effect\":\"Allow\",\"Effects\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownStatementElement, "$.Statement[0].Effects" },
        { "{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.DuplicateKey, "$.Statement[0].Effect" },
        { "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].Principal" },
        { "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}", PolicyKind.ServiceControl, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].NotPrincipal" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0]" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.ResourceControl, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0]" },
        { "{\"Effect\":\"Allow\",\"Principal\":\"arn:aws:iam::111122223333:root\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].Principal" },
        { "{\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].Principal" },
        { "{\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"111122223333\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].Principal.Aws" },
        { "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].Principal.AWS" },
        { "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",5]},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Principal.AWS[1]" },
        { "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":{}},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Principal.Service" },
        { "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"NotPrincipal\":\"*\"}", PolicyKind.Resource, PolicyDiagnosticCodes.InvalidPrincipal, "$.Statement[0].NotPrincipal" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":[]}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidCondition, "$.Statement[0].Condition" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"a\"}}}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownConditionOperator, "$.Statement[0].Condition.StringEqualz" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"stringequals\":{\"aws:username\":\"a\"}}}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownConditionOperator, "$.Statement[0].Condition.stringequals" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownConditionOperator, "$.Statement[0].Condition.NullIfExists" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:Null\":{\"aws:username\":\"true\"}}}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownConditionOperator, "$.Statement[0].Condition['ForAnyValue:Null']" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"IfExists\":{\"aws:username\":\"a\"}}}", PolicyKind.Identity, PolicyDiagnosticCodes.UnknownConditionOperator, "$.Statement[0].Condition.IfExists" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":\"a\"}}", PolicyKind.Identity, PolicyDiagnosticCodes.InvalidCondition, "$.Statement[0].Condition.StringEquals" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":{\"a\":1}}}}", PolicyKind.Identity, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Condition.StringEquals['aws:username']" },
        { "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":[\"a\",null]}}}", PolicyKind.Identity, PolicyDiagnosticCodes.WrongValueType, "$.Statement[0].Condition.StringEquals['aws:username'][1]" },
    };

    [Theory]
    [MemberData(nameof(StatementProblems))]
    public void Statement_problems_are_reported_at_their_path_and_the_statement_is_kept(string statement, PolicyKind kind, string code, string path)
    {
        // Given a policy whose first statement is broken and whose second is fine
        var principal = kind is PolicyKind.Resource or PolicyKind.ResourceControl ? "\"Principal\":\"*\"," : string.Empty;
        var json = $$"""{"Version":"2012-10-17","Statement":[{{statement}},{"Sid":"Fine",{{principal}}{{Fine}}}]}""";

        // When it is parsed
        var result = PolicyText.Read(json, kind);

        // Then the diagnostic names the place, and the statement is kept with its problem while the other is clean
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(path, diagnostic.Location.JsonPath);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var document = Assert.IsType<PolicyDocument>(result.Document);
        Assert.Equal(2, document.Statements.Length);
        Assert.NotNull(document.Statements[0].Problem);
        Assert.Null(document.Statements[1].Problem);
    }

    [Fact]
    public void A_non_object_statement_is_kept_as_a_problem_statement()
    {
        // Given a statement array holding a string
        var result = PolicyText.Read("{\"Version\":\"2012-10-17\",\"Statement\":[\"Allow everything\",{" + Fine + "}]}");

        // When parsed
        var document = Assert.IsType<PolicyDocument>(result.Document);

        // Then its place is held by a statement with a problem, so evaluation can refuse to guess
        Assert.Equal(2, document.Statements.Length);
        Assert.Equal(0, document.Statements[0].Index);
        Assert.NotNull(document.Statements[0].Problem);
        Assert.Null(document.Statements[1].Problem);
    }

    [Fact]
    public void Every_problem_of_a_statement_is_reported_not_just_the_first()
    {
        // Given a statement with three independent problems
        var result = PolicyText.Read("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3GetObject","Resource":"*","Colour":"red"}]}
            """);

        // When parsed
        // Then all three are reported, and the statement's problem lists them all
        Assert.Equal<string>(
            [PolicyDiagnosticCodes.InvalidEffect, PolicyDiagnosticCodes.InvalidAction, PolicyDiagnosticCodes.UnknownStatementElement],
            result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var problem = Assert.Single(result.Document!.Statements).Problem!;
        Assert.Contains("Permit", problem, StringComparison.Ordinal);
        Assert.Contains("s3GetObject", problem, StringComparison.Ordinal);
        Assert.Contains("Colour", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_start_at_the_location_the_caller_gives()
    {
        // Given a policy embedded at a path of a larger file
        var location = new SourceLocation("gaad.json", "$.RoleDetailList[2].RolePolicyList[0].PolicyDocument");

        // When it is parsed with a problem in it
        var result = PolicyParser.ParseText("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}", PolicyKind.Identity, location);

        // Then the diagnostic's path continues the caller's
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new SourceLocation("gaad.json", "$.RoleDetailList[2].RolePolicyList[0].PolicyDocument.Statement[0].Effect"), diagnostic.Location);
    }

    [Theory]
    [InlineData("StringEquals,StringLike")]
    [InlineData("StringEquals,StringNotEquals")]
    [InlineData("StringEquals, Null")]
    [InlineData(" StringEquals")]
    [InlineData("ForAnyValue:StringLike,ArnLike")]
    public void An_operator_list_or_padded_name_is_not_an_operator(string text)
    {
        // Given text that is not exactly one operator name
        // When it is parsed as an operator
        // Then it is refused (AWS rejects it)
        Assert.False(ConditionOperator.TryParse(text, out _));
    }
}
