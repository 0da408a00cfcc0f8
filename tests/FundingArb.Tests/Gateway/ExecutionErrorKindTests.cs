using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

public sealed class ExecutionErrorKindTests
{
    [Theory]
    [InlineData(ExecutionErrorKind.Timeout, true, true)]
    [InlineData(ExecutionErrorKind.Disconnected, true, true)]
    [InlineData(ExecutionErrorKind.VenueUnavailable, true, true)]
    [InlineData(ExecutionErrorKind.RateLimited, true, false)]
    [InlineData(ExecutionErrorKind.ClockSkew, true, false)]
    [InlineData(ExecutionErrorKind.InsufficientMargin, false, false)]
    [InlineData(ExecutionErrorKind.ReduceOnlyRejected, false, false)]
    [InlineData(ExecutionErrorKind.UnknownOrder, false, false)]
    [InlineData(ExecutionErrorKind.Unauthorized, false, false)]
    [InlineData(ExecutionErrorKind.Rejected, false, false)]
    [InlineData(ExecutionErrorKind.CanceledBeforeSend, false, false)]
    public void Only_transport_time_and_limit_failures_are_transient(ExecutionErrorKind kind, bool transient, bool unknownOutcome)
    {
        Assert.Equal(transient, kind.IsTransient);
        Assert.Equal(unknownOutcome, kind.IsOutcomeUnknown);
    }

    [Fact]
    public void Long_venue_messages_are_truncated_not_refused()
    {
        var error = new ExecutionError(ExecutionErrorKind.Rejected, -1, new byte[500]);
        Assert.Equal(ExecutionError.MaxMessageLength, error.MessageUtf8.Length);
    }
}
