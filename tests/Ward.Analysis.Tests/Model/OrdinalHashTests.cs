using Ward.Core.Collections;
using Ward.Core.Model;

namespace Ward.Analysis.Tests.Model;

/// <summary>
/// The hash the graphs key principals and tuples of texts by: equal texts hash alike, whatever their length (the
/// arithmetic overflows by design, in a project that checks overflow), and texts that differ in one character rarely
/// collide.
/// </summary>
public sealed class OrdinalHashTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("user:ann@northwind.example")]
    [InlineData("serviceAccount:deployer@syn-00042.iam.gserviceaccount.com")]
    [InlineData("arn:aws:iam::111122223333:role/service-role/a-role-with-a-long-path-and-a-longer-name-than-most")]
    public void Equal_texts_hash_alike_and_principals_by_their_text(string text)
    {
        var copy = new string(text.AsSpan());

        Assert.Equal(OrdinalHash.Of(text), OrdinalHash.Of(copy));
        Assert.Equal(OrdinalHash.Of(text), OrdinalHash.Of(copy.AsSpan()));
        Assert.Equal(new PrincipalId(text).GetHashCode(), new PrincipalId(copy).GetHashCode());
        Assert.Equal(OrdinalHash.Of(text, "x", text), OrdinalTupleComparer.Instance.GetHashCode((copy, "x", copy)));
        Assert.True(OrdinalTupleComparer.Instance.Equals((text, copy), (copy, text)));
    }

    [Fact]
    public void Texts_that_differ_in_one_character_rarely_collide()
    {
        // Given 100,000 service account ids, each differing from some other in a character or two
        var ids = Enumerable.Range(0, 100_000).Select(i => $"serviceAccount:workload-{i % 10}@syn-{i / 10:D5}.iam.gserviceaccount.com").ToList();

        // When they are hashed
        var hashes = ids.Select(id => OrdinalHash.Of(id)).Distinct().Count();

        // Then nearly every one has a hash of its own
        Assert.True(hashes > 99_900, $"{hashes} distinct hashes of 100,000 ids");
    }

    [Fact]
    public void Tuples_compare_each_text_ordinally()
    {
        Assert.False(OrdinalTupleComparer.Instance.Equals(("a", "b"), ("a", "B")));
        Assert.False(OrdinalTupleComparer.Instance.Equals(("a", "b", "c"), ("a", "b", "C")));
        Assert.True(OrdinalTupleComparer.Instance.Equals(("a", "b", "c"), ("a", "b", "c")));
    }
}
