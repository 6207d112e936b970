using Ward.Core.Collections;

namespace Ward.Analysis.Tests.Model;

/// <summary>
/// The dictionary the large caches share across threads: every key keeps one value whoever adds it, keys of any hash
/// find their shard, and texts can be looked up from a span.
/// </summary>
public sealed class ShardedDictionaryTests
{
    [Fact]
    public void Keys_of_any_hash_are_kept_and_found()
    {
        // Hashes below zero (half of all) and at the extremes: the shard is picked from the hash's bits.
        var dictionary = new ShardedDictionary<int, string>(new HashIsTheKey());
        int[] keys = [int.MinValue, -1_000_003, -64, -1, 0, 1, 63, 64, 1_000_003, int.MaxValue];

        foreach (var key in keys)
        {
            Assert.Equal($"v{key}", dictionary.GetOrAdd(key, static (key, _) => $"v{key}", 0));
        }

        Assert.All(keys, key => Assert.True(dictionary.TryGetValue(key, out var value) && value == $"v{key}"));
        Assert.Equal(keys.Length, dictionary.Count);
        Assert.False(dictionary.ContainsKey(2));
    }

    [Fact]
    public void Threads_adding_the_same_keys_at_once_all_get_the_value_kept()
    {
        // Given eight threads of their own, each adding the same 20,000 keys with values of its own
        var dictionary = new ShardedDictionary<string, string>(StringComparer.Ordinal);
        var got = new string[8][];
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            got[t] = [.. Enumerable.Range(0, 20_000).Select(k => dictionary.GetOrAdd($"key-{k}", static (_, thread) => $"thread-{thread}", t))];
        })).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        threads.ForEach(t => t.Join());

        // Then each key keeps one value, the one every thread got
        Assert.Equal(20_000, dictionary.Count);
        for (var k = 0; k < 20_000; k++)
        {
            Assert.True(dictionary.TryGetValue($"key-{k}", out var kept));
            Assert.All(got, values => Assert.Same(kept, values[k]));
        }
    }

    [Fact]
    public void Texts_are_found_from_a_span_and_a_comparer_that_reads_none_says_so()
    {
        var texts = new ShardedDictionary<string, int>(StringComparer.Ordinal);
        texts.GetOrAdd("serviceAccount:deployer@syn-00042.iam.gserviceaccount.com", 42);

        Assert.True(texts.TryGetValue("xserviceAccount:deployer@syn-00042.iam.gserviceaccount.comx".AsSpan(1, 57), out var found));
        Assert.Equal(42, found);
        Assert.False(texts.TryGetValue("serviceAccount:deployer@syn-00043.iam.gserviceaccount.com".AsSpan(), out _));

        var tuples = new ShardedDictionary<(string, string), int>(OrdinalTupleComparer.Instance);
        Assert.Throws<InvalidOperationException>(() => tuples.TryGetValue("a".AsSpan(), out _));
    }

    [Fact]
    public void Making_a_value_may_ask_the_dictionary_again()
    {
        var dictionary = new ShardedDictionary<int, int>(new HashIsTheKey());

        // Key 64 shares key 0's shard: made while asking for 0's value.
        var value = dictionary.GetOrAdd(64, static (_, dictionary) => dictionary.GetOrAdd(0, static (_, _) => 1, 0) + 1, dictionary);

        Assert.Equal(2, value);
        Assert.Equal(2, dictionary.Count);
    }

    private sealed class HashIsTheKey : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y;

        public int GetHashCode(int obj) => obj;
    }
}
