using System.Reflection;
using Ward.Core.Collections;

namespace Ward.Analysis.Tests.Model;

/// <summary>
/// The caches that keep analyses' answers: a value is worked out once however many threads ask for it at the same
/// time, and once kept it is held without the wrapper that made it.
/// </summary>
public sealed class OnceCacheTests
{
    [Fact]
    public void Threads_asking_for_one_key_at_once_get_one_value_worked_out_once()
    {
        // Given a cache whose values take a while to work out
        var cache = new OnceCache<string, object>(StringComparer.Ordinal);
        var made = new Counter();
        using var start = new ManualResetEventSlim();

        // When eight threads of their own (not the pool's, which a 2-core machine grows slowly) ask for the same key at once
        var values = new object[8];
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            values[i] = cache.GetOrAdd("key", static (_, counter) =>
            {
                counter.Add();
                Thread.Sleep(50);
                return new object();
            }, made);
        })).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        threads.ForEach(t => t.Join());

        // Then it was worked out once, every thread has that value, and it is kept
        Assert.Equal(1, made.Count);
        Assert.All(values, value => Assert.Same(values[0], value));
        Assert.True(cache.Known.TryGetValue("key", out var kept));
        Assert.Same(values[0], kept);
    }

    [Fact]
    public void A_kept_value_is_held_without_the_wrapper_that_made_it()
    {
        var cache = new OnceCache<(string, string), int>(OrdinalTupleComparer.Instance);

        var value = cache.GetOrAdd(("a", "b"), static (key, offset) => key.Item1.Length + key.Item2.Length + offset, 40);

        Assert.Equal(42, value);
        Assert.Equal(42, cache.GetOrAdd(("a", "b"), static (_, _) => throw new InvalidOperationException("asked again"), 0));
        var pending = (System.Collections.ICollection)typeof(OnceCache<(string, string), int>).GetField("_pending", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(cache)!;
        Assert.Empty(pending);
    }

    [Fact]
    public void A_value_that_cannot_be_worked_out_is_not_kept_and_its_error_is_thrown_to_every_asker()
    {
        var cache = new OnceCache<string, int>(StringComparer.Ordinal);
        var asked = new Counter();

        var first = Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("key", static (_, asked) => Refuse(asked), asked));
        var again = Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("key", static (_, asked) => Answer(asked), asked));

        Assert.False(cache.Known.ContainsKey("key"));
        Assert.Same(first, again);
        Assert.Equal(1, asked.Count);
    }

    private static int Refuse(Counter asked)
    {
        asked.Add();
        throw new InvalidOperationException("unreadable");
    }

    private static int Answer(Counter asked)
    {
        asked.Add();
        return 1;
    }

    private sealed class Counter
    {
        private int _count;

        public int Count => _count;

        public void Add() => Interlocked.Increment(ref _count);
    }
}
