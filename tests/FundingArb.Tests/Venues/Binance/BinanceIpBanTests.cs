using System.Text;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A 418 (IP ban) on the WS API blocks sending until the ban ends, as the answer states it, or for minutes when
/// it does not; VenueSim does not ban, so the answers are crafted in the documented shapes.</summary>
public sealed class BinanceIpBanTests
{
    private static (BinanceWsApi Api, BinanceRateLimits Limits, long NowMs) Session()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(BinanceMarketData.VenueName);
        var limits = new BinanceRateLimits();
        var api = new BinanceWsApi(new Uri("ws://127.0.0.1/ws-fapi/v1"), venue, registry, limits, new ClockOffset(clock));
        return (api, limits, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static OrderReport Answer(BinanceWsApi api, string answer)
    {
        Assert.True(api.Pending.TryArm(7, long.MaxValue, out var reply));
        api.OnMessage(Encoding.UTF8.GetBytes(answer), 1);
        var task = reply.Task;
        Assert.True(task.IsCompleted);
        return task.Result;
    }

    [Fact]
    public void A_ban_blocks_sending_until_the_time_its_message_names()
    {
        var (api, limits, now) = Session();
        var until = now + 3_600_000;
        var report = Answer(api, "{\"id\":7,\"status\":418,\"error\":{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until " + until + ". Please use WebSocket Streams for live updates to avoid bans.\"}}");
        Assert.Equal(ExecutionErrorKind.RateLimited, report.Error.Kind);
        Assert.Equal(until, report.Error.RetryAfterMs);
        Assert.Equal(until, limits.BlockedUntilMs);
        Assert.False(limits.TryAcquire(0, isOrder: true, until - 1, out _));
        Assert.True(limits.TryAcquire(0, isOrder: true, until, out _));
    }

    [Fact]
    public void A_ban_blocks_sending_until_the_retry_after_its_data_gives()
    {
        var (api, limits, now) = Session();
        var until = now + 600_000;
        Answer(api, "{\"id\":7,\"status\":418,\"error\":{\"code\":-1003,\"msg\":\"Way too much request weight used.\",\"data\":{\"serverTime\":" + now + ",\"retryAfter\":" + until + "}}}");
        Assert.Equal(until, limits.BlockedUntilMs);
    }

    [Fact]
    public void A_ban_that_names_no_end_blocks_for_minutes_not_a_second()
    {
        var (api, limits, now) = Session();
        Answer(api, """{"id":7,"status":418,"error":{"code":-1003,"msg":"Way too much request weight used."}}""");
        Assert.Equal(now + BinanceWsApi.BanWithoutEndMs, limits.BlockedUntilMs);
        Assert.True(BinanceWsApi.BanWithoutEndMs >= 120_000); // the docs' shortest ban
    }
}
