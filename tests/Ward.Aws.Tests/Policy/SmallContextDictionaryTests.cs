using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Tests.Policy;

public sealed class SmallContextDictionaryTests
{
    [Fact]
    public void Keys_are_found_whatever_their_case_and_keep_the_case_first_given()
    {
        // Given a request key set as AWS documents it, then set again in another case
        var keys = new SmallContextDictionary(2)
        {
            ["aws:RequestedRegion"] = ContextValue.Of("eu-west-1"),
        };
        keys["AWS:requestedregion"] = ContextValue.Of("us-east-1");

        // Then there is one key, found in any case, with the last value and its first spelling
        Assert.True(keys.TryGetValue("aws:requestedRegion", out var value));
        Assert.Equal("us-east-1", value.Text);
        Assert.Equal("aws:RequestedRegion", Assert.Single(keys).Key);
        Assert.False(keys.ContainsKey("aws:RequestedRegions"));
    }

    [Fact]
    public void A_removed_key_is_gone_and_the_others_stay()
    {
        var keys = new SmallContextDictionary(3)
        {
            ["aws:ResourceAccount"] = ContextValue.Of("111122223333"),
            ["aws:ResourceOrgID"] = ContextValue.Of("o-a1b2c3d4e5"),
        };

        Assert.True(keys.Remove("AWS:RESOURCEORGID"));
        Assert.False(keys.Remove("aws:ResourceOrgID"));
        Assert.False(keys.TryGetValue("aws:ResourceOrgID", out _));
        Assert.Equal("111122223333", keys["aws:resourceaccount"].Text);
        Assert.Throws<KeyNotFoundException>(() => keys["aws:ResourceOrgID"]);
    }
}
