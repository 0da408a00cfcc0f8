using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

public sealed class RecentKeysTests
{
    [Fact]
    public void The_most_recent_keys_are_remembered_and_the_oldest_evicted()
    {
        var keys = new RecentKeys(100);
        for (ulong k = 0; k < 1000; k++) keys.Set(k * 0x9E3779B97F4A7C15UL, (long)k);
        Assert.Equal(100, keys.Count);
        for (ulong k = 0; k < 900; k++) Assert.False(keys.TryGet(k * 0x9E3779B97F4A7C15UL, out _));
        for (ulong k = 900; k < 1000; k++)
        {
            Assert.True(keys.TryGet(k * 0x9E3779B97F4A7C15UL, out var value));
            Assert.Equal((long)k, value);
        }
    }

    [Fact]
    public void Colliding_keys_survive_evictions_around_them()
    {
        var keys = new RecentKeys(4); // table of 8: keys k * 8 all share a home slot
        for (ulong k = 1; k <= 20; k++)
        {
            keys.Set(k * 8, (long)k);
            for (var back = 0UL; back < Math.Min(k, 4UL); back++) Assert.True(keys.TryGet((k - back) * 8, out _), $"key {(k - back) * 8} after {k}");
        }
    }

    [Fact]
    public void Setting_an_existing_key_replaces_its_value()
    {
        var keys = new RecentKeys(2);
        keys.Set(5, 1);
        keys.Set(5, 2);
        Assert.Equal(1, keys.Count);
        Assert.True(keys.TryGet(5, out var v));
        Assert.Equal(2, v);
    }
}
