using FundingArb.Gateway;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The Binance client's clock rounds now run on the shared <see cref="ClockSync"/>; these pin the behaviour it
/// took from the Binance copy: a caller that joins a running round gets that round's outcome, not a blind success (a
/// -1021 retry or the start-up check must not trust a clock that failed to sync).</summary>
public sealed class BinanceClockSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_caller_joining_a_running_round_gets_that_rounds_outcome(bool serverAnswers)
    {
        var offset = new ClockOffset(TimeProvider.System);
        using var sync = new ClockSync(offset, samples: 1);
        var answer = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        Task<long?> ServerTime(CancellationToken _)
        {
            Interlocked.Increment(ref requests);
            return answer.Task;
        }

        var first = sync.RoundAsync(ServerTime, Ct);
        var joined = sync.RoundAsync(ServerTime, Ct);
        Assert.False(joined.IsCompleted); // waits for the running round rather than start another
        answer.SetResult(serverAnswers ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : null);

        Assert.Equal(serverAnswers, await first);
        Assert.Equal(serverAnswers, await joined);
        Assert.Equal(1, requests);
        Assert.Equal(serverAnswers ? 1 : 0, offset.Rounds);
    }
}
