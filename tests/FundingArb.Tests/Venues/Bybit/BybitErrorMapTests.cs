using FundingArb.Gateway;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>Return codes of docs/v5/error (and the WS trade guideline's) to the gateway's kinds; the code and message kept.</summary>
public sealed class BybitErrorMapTests
{
    [Theory]
    [InlineData(110007, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(110004, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(110012, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(110044, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(110017, ExecutionErrorKind.ReduceOnlyRejected)]
    [InlineData(10001, ExecutionErrorKind.InvalidRequest)]
    [InlineData(110003, ExecutionErrorKind.InvalidPrice)]
    [InlineData(110094, ExecutionErrorKind.NotionalTooSmall)]
    [InlineData(110001, ExecutionErrorKind.UnknownOrder)]
    [InlineData(110072, ExecutionErrorKind.DuplicateClientOrderId)]
    [InlineData(10006, ExecutionErrorKind.RateLimited)]
    [InlineData(10429, ExecutionErrorKind.RateLimited)]
    [InlineData(10002, ExecutionErrorKind.ClockSkew)]
    [InlineData(10003, ExecutionErrorKind.Unauthorized)]
    [InlineData(10004, ExecutionErrorKind.Unauthorized)]
    [InlineData(10016, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(10019, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(20006, ExecutionErrorKind.InvalidRequest)]
    [InlineData(170000, ExecutionErrorKind.Rejected)]
    public void Return_codes_map_to_kinds(int code, ExecutionErrorKind kind)
    {
        var error = BybitErrorMap.FromVenue(code, "message"u8, 200);
        Assert.Equal((kind, code, "message"), (error.Kind, error.VenueCode, System.Text.Encoding.UTF8.GetString(error.MessageUtf8)));
    }

    [Fact]
    public void Rate_limits_clock_and_venue_trouble_are_transient_business_refusals_are_not()
    {
        Assert.True(BybitErrorMap.FromVenue(10006, "Too many visits"u8, 200).Kind.IsTransient);
        Assert.True(BybitErrorMap.FromVenue(10002, "time window"u8, 200).Kind.IsTransient);
        Assert.True(BybitErrorMap.FromVenue(10016, "restarting"u8, 200).Kind.IsOutcomeUnknown);
        Assert.False(BybitErrorMap.FromVenue(110007, "ab not enough"u8, 200).Kind.IsTransient);
        Assert.False(BybitErrorMap.FromVenue(110017, "reduce-only"u8, 200).Kind.IsTransient);
    }

    [Theory]
    [InlineData(403, ExecutionErrorKind.RateLimited)] // "your IP has been either temporarily or permanently banned"
    [InlineData(429, ExecutionErrorKind.RateLimited)]
    [InlineData(502, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(504, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(401, ExecutionErrorKind.Unauthorized)]
    [InlineData(404, ExecutionErrorKind.InvalidRequest)]
    public void Http_statuses_without_a_return_code_map_to_kinds(int status, ExecutionErrorKind kind) =>
        Assert.Equal(kind, BybitErrorMap.FromVenue(0, ""u8, status).Kind);
}
