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
    public void Set_compare_and_set_and_arithmetic()
    {
        var s = new Sequence();
        s.Set(5);
        Assert.Equal(5, s.Value);
        s.SetVolatile(6);
        Assert.Equal(6, s.Value);

        Assert.False(s.CompareAndSet(5, 100));
        Assert.Equal(6, s.Value);
        Assert.True(s.CompareAndSet(6, 100));
        Assert.Equal(100, s.Value);

        Assert.Equal(101, s.IncrementAndGet());
        Assert.Equal(111, s.AddAndGet(10));
        Assert.Equal(106, s.AddAndGet(-5));
        Assert.Equal("106", s.ToString());
    }

    [Fact]
    public void Concurrent_increments_are_atomic()
    {
        var s = new Sequence(0);
        const int PerThread = 50_000;
        var a = Guard.Start("inc-a", () => { for (int i = 0; i < PerThread; i++) { s.IncrementAndGet(); } });
        var b = Guard.Start("inc-b", () => { for (int i = 0; i < PerThread; i++) { s.AddAndGet(1); } });
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
