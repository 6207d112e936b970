using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Tests.Policy;

public sealed class CelFieldAccessTests
{
    [Theory]
    [InlineData("assertion['repository_owner_id'] == '4242'", "assertion.repository_owner_id == '4242'")]
    [InlineData("assertion[\"arn\"].startsWith('arn:aws:sts::')", "assertion.arn.startsWith('arn:aws:sts::')")]
    [InlineData("assertion.claims['sub'] == 'x'", "assertion.claims.sub == 'x'")]
    [InlineData("assertion['https://example.com/claim'] == 'x'", "assertion['https://example.com/claim'] == 'x'")]   // no identifier: no dotted form
    [InlineData("assertion.ref in ['a', 'b']", "assertion.ref in ['a', 'b']")]                                        // a list
    [InlineData("assertion.ref in['main']", "assertion.ref in['main']")]                                               // a list, without the space
    [InlineData("assertion.login['main']", "assertion.login.main")]                                                    // a name ending in "in" is still a name
    public void Constant_indexes_read_as_field_selections_and_lists_stay(string expression, string dotted) =>
        Assert.Equal(dotted, CelFieldAccess.Dotted(expression));
}
