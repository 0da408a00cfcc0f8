using FundingArb.Gateway;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>OKX codes (#error-code-rest-api, #error-code-websocket) into the venue-neutral kinds.</summary>
public sealed class OkxErrorMapTests
{
    [Theory]
    [InlineData(51008, 200, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(51169, 200, ExecutionErrorKind.ReduceOnlyRejected)]
    [InlineData(51170, 200, ExecutionErrorKind.ReduceOnlyRejected)]
    [InlineData(51112, 200, ExecutionErrorKind.ReduceOnlyRejected)]
    [InlineData(51121, 200, ExecutionErrorKind.InvalidQuantity)]
    [InlineData(51020, 200, ExecutionErrorKind.InvalidQuantity)]
    [InlineData(51006, 200, ExecutionErrorKind.InvalidPrice)]
    [InlineData(51000, 400, ExecutionErrorKind.InvalidRequest)]
    [InlineData(51001, 200, ExecutionErrorKind.InvalidRequest)]
    [InlineData(51016, 200, ExecutionErrorKind.DuplicateClientOrderId)]
    [InlineData(51400, 200, ExecutionErrorKind.UnknownOrder)]
    [InlineData(51603, 200, ExecutionErrorKind.UnknownOrder)]
    [InlineData(50011, 200, ExecutionErrorKind.RateLimited)]
    [InlineData(50011, 429, ExecutionErrorKind.RateLimited)]
    [InlineData(50102, 401, ExecutionErrorKind.ClockSkew)]
    [InlineData(50111, 401, ExecutionErrorKind.Unauthorized)]
    [InlineData(50105, 401, ExecutionErrorKind.Unauthorized)]
    [InlineData(50113, 401, ExecutionErrorKind.Unauthorized)]
    [InlineData(60009, 200, ExecutionErrorKind.Unauthorized)]
    [InlineData(50001, 503, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(50004, 200, ExecutionErrorKind.Timeout)]
    [InlineData(0, 502, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(59999, 200, ExecutionErrorKind.Rejected)]
    public void Codes_map_to_kinds_and_keep_the_code(int code, int status, ExecutionErrorKind kind)
    {
        var error = OkxErrorMap.FromVenue(code, "msg"u8, status);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.VenueCode);
        Assert.Equal("msg"u8.ToArray(), error.MessageUtf8.ToArray());
    }

    [Fact]
    public void Rate_limits_timeouts_and_5xx_are_transient_and_business_refusals_are_not()
    {
        Assert.True(OkxErrorMap.FromVenue(50011, default, 429).Kind.IsTransient);
        Assert.True(OkxErrorMap.FromVenue(0, default, 500).Kind.IsTransient);
        Assert.True(OkxErrorMap.FromVenue(50004, default, 200).Kind.IsOutcomeUnknown);
        Assert.False(OkxErrorMap.FromVenue(51008, default, 200).Kind.IsTransient);
        Assert.False(OkxErrorMap.FromVenue(50113, default, 401).Kind.IsTransient);
    }
}
