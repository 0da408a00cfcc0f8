using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

[Collection(RingTestCollection.Name)]
public sealed class SequenceTests
{
    [Fact]
    public void Starts_at_minus_one()
    {
        Assert.Equal(-1, new Sequence().Value);
        Assert.Equal(Sequence.InitialValue, new Sequence().Value);
        Assert.Equal(41, new Sequence(41).Value);
    }

    [Fact]
    public void Set_and_compare_and_set()
    {
        var s = new Sequence();
        s.Set(5);
        Assert.Equal(5, s.Value);
        s.Set(6);
        Assert.Equal(6, s.Value);

        Assert.False(s.CompareAndSet(5, 100));
        Assert.Equal(6, s.Value);
        Assert.True(s.CompareAndSet(6, 100));
        Assert.Equal(100, s.Value);
        Assert.Equal("100", s.ToString());
    }

    [Fact]
    public void Concurrent_compare_and_set_loses_no_update()
    {
        var s = new Sequence(0);
        const int PerThread = 50_000;
        static void Increment(Sequence s)
        {
            for (int i = 0; i < PerThread; i++)
            {
                long v;
                do { v = s.Value; } while (!s.CompareAndSet(v, v + 1));
            }
        }
        var a = Guard.Start("inc-a", () => Increment(s));
        var b = Guard.Start("inc-b", () => Increment(s));
        Guard.Join(a, "incrementer a");
        Guard.Join(b, "incrementer b");
        Assert.Equal(2 * PerThread, s.Value);
    }

    [Fact]
    public void Is_padded_to_at_least_two_cache_lines()
    {
        // Warm up so type loading does not count, then measure one allocation: header + method table + 128.
        _ = new Sequence();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var s = new Sequence();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(s);
        Assert.True(allocated >= 128 + 16, $"a Sequence takes {allocated} bytes; the explicit 128-byte layout was not applied");
    }
}
