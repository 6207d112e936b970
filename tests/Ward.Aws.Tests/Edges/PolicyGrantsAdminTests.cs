using Ward.Aws.Edges;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// <see cref="AdminEquivalence.PolicyGrants"/>: whether a managed policy, attached, makes its holder admin-equivalent
/// (everything, or full control of IAM), as the candidates a grant limited by <c>iam:PolicyARN</c> is decided for.
/// </summary>
public sealed class PolicyGrantsAdminTests
{
    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", DecisionKind.Allowed)]
    [InlineData("""{"Effect":"Allow","Action":"iam:*","Resource":"*"}""", DecisionKind.Allowed)]
    [InlineData("""{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}""", DecisionKind.ImplicitDeny)]
    [InlineData("""{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::111122223333:user/ops/*"}""", DecisionKind.ImplicitDeny)]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", DecisionKind.ImplicitDeny)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""", DecisionKind.Conditional)]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}""", DecisionKind.ImplicitDeny)]
    public void A_policy_grants_admin_when_it_allows_everything_or_full_control_of_IAM(string statements, DecisionKind expected)
    {
        var document = PolicyParser.ParseText($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""", PolicyKind.Identity, SourceLocation.None).Document!;

        Assert.Equal(expected, AdminEquivalence.PolicyGrants(document, "111122223333", "us-east-1"));
    }
}
