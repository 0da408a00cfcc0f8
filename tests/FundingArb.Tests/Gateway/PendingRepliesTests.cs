using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

/// <summary>Requests in flight on a trading WebSocket: each completed once, by its answer, its deadline or the drop; a
/// slot reused after a timeout carries its new request's deadline, never the old one.</summary>
public sealed class PendingRepliesTests
{
    private static readonly ExecutionError TimedOut = ExecutionError.Local(ExecutionErrorKind.Timeout, "late"u8);

    [Fact]
    public async Task A_slot_reused_after_a_timeout_is_failed_only_by_its_own_deadline()
    {
        var pending = new PendingReplies(2);
        Assert.True(pending.TryArm(1, 100, out var first));
        Assert.Equal(1, pending.FailWaiting(200, TimedOut));
        Assert.Equal(ExecutionErrorKind.Timeout, (await first.Task).Error.Kind);

        Assert.True(pending.TryArm(3, 1_000, out var reused)); // same slot (3 & 1 == 1)
        Assert.Same(first, reused);
        Assert.Equal(0, pending.FailWaiting(200, TimedOut));
        Assert.Equal(1, pending.InFlight);
        Assert.True(pending.TryComplete(3, new OrderReport { Status = OrderStatus.New }));
        Assert.False(pending.TryComplete(1, default)); // the old request's late answer matches nothing
        Assert.Equal(OrderStatus.New, (await reused.Task).Status);
        Assert.Equal(0, pending.InFlight);
    }
}
