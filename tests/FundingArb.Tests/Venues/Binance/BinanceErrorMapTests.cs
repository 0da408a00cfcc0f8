using FundingArb.Gateway;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>Codes from BF error-code and statuses from BF general-info, as the gateway must read them.</summary>
public sealed class BinanceErrorMapTests
{
    [Theory]
    [InlineData(-1021, 400, ExecutionErrorKind.ClockSkew)]
    [InlineData(-1022, 400, ExecutionErrorKind.Unauthorized)]
    [InlineData(-2014, 401, ExecutionErrorKind.Unauthorized)]
    [InlineData(-2015, 401, ExecutionErrorKind.Unauthorized)]
    [InlineData(-2019, 400, ExecutionErrorKind.InsufficientMargin)]
    [InlineData(-2022, 400, ExecutionErrorKind.ReduceOnlyRejected)]
    [InlineData(-2011, 400, ExecutionErrorKind.UnknownOrder)]
    [InlineData(-2013, 400, ExecutionErrorKind.UnknownOrder)]
    [InlineData(-5021, 400, ExecutionErrorKind.FillOrKillUnfilled)]
    [InlineData(-5022, 400, ExecutionErrorKind.PostOnlyWouldTake)]
    [InlineData(-4014, 400, ExecutionErrorKind.InvalidPrice)]
    [InlineData(-4023, 400, ExecutionErrorKind.InvalidQuantity)]
    [InlineData(-4164, 400, ExecutionErrorKind.NotionalTooSmall)]
    [InlineData(-4116, 400, ExecutionErrorKind.DuplicateClientOrderId)]
    [InlineData(-1121, 400, ExecutionErrorKind.InvalidRequest)]
    [InlineData(-1003, 429, ExecutionErrorKind.RateLimited)]
    [InlineData(-1007, 408, ExecutionErrorKind.Timeout)]
    [InlineData(-1001, 500, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(0, 503, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(0, 418, ExecutionErrorKind.RateLimited)]
    [InlineData(-9999, 400, ExecutionErrorKind.Rejected)]
    public void Codes_and_statuses_map_to_what_the_gateway_acts_on(int code, int status, ExecutionErrorKind expected)
    {
        var error = BinanceErrorMap.FromVenue(code, "msg"u8, status);
        Assert.Equal(expected, error.Kind);
        Assert.Equal(code, error.VenueCode);
        Assert.Equal("msg", System.Text.Encoding.UTF8.GetString(error.MessageUtf8));
    }

    /// <summary>Checked against https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code:
    /// -1111 BAD_PRECISION "Precision is over the maximum defined for this asset." (price or quantity: the page does not say
    /// which, and VenueSim answers it for both), -5028 ME_RECVWINDOW_REJECT "Timestamp for this request is outside of the
    /// ME recvWindow." (refused before matching, as -1021: retry on a resynchronised clock), -4013
    /// PRICE_LESS_THAN_MIN_PRICE "Price less than min price.".</summary>
    [Theory]
    [InlineData(-1111, ExecutionErrorKind.InvalidRequest)]
    [InlineData(-5028, ExecutionErrorKind.ClockSkew)]
    [InlineData(-4013, ExecutionErrorKind.InvalidPrice)]
    public void Codes_checked_against_the_usds_margined_error_code_page(int code, ExecutionErrorKind expected)
    {
        var error = BinanceErrorMap.FromVenue(code, "msg"u8, 400);
        Assert.Equal(expected, error.Kind);
        Assert.Equal(expected == ExecutionErrorKind.ClockSkew, error.Kind.IsTransient);
        Assert.False(error.Kind.IsOutcomeUnknown); // each is refused before matching: nothing to query
    }
}
