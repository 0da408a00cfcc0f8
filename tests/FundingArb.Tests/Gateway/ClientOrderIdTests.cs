using System.Text;
using System.Text.RegularExpressions;
using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

public sealed partial class ClientOrderIdTests
{
    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")] // Binance newClientOrderId (trade/rest-api/New-Order)
    private static partial Regex BinanceRule();

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")] // OKX clOrdId: 1–32 letters and digits
    private static partial Regex OkxRule();

    [Theory]
    [InlineData("a")]
    [InlineData("FA1L0A0")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Letters_and_digits_up_to_32_are_valid(string text)
    {
        var id = ClientOrderId.Parse(text);
        Assert.Equal(text, id.ToString());
        Assert.Equal(text.Length, id.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33
    [InlineData("x-cvBPrNm9")] // Binance accepts '-', OKX does not
    [InlineData("a b")]
    [InlineData("é")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(ClientOrderId.TryCreate(Encoding.UTF8.GetBytes(text), out _));
        Assert.Throws<ArgumentException>(() => ClientOrderId.Parse(text));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(12345, 1, 2)]
    [InlineData(long.MaxValue, ClientOrderId.MaxLeg, ClientOrderId.MaxAttempt)]
    public void Position_leg_and_attempt_round_trip_and_fit_every_venue(long position, int leg, int attempt)
    {
        var id = ClientOrderId.ForLeg(position, leg, attempt);
        Assert.True(id.TryGetLeg(out var p, out var l, out var a));
        Assert.Equal((position, leg, attempt), (p, l, a));
        Assert.Matches(BinanceRule(), id.ToString());
        Assert.Matches(OkxRule(), id.ToString());
        Assert.True(id.Length <= 36); // Bybit orderLinkId
    }

    [Fact]
    public void Ids_not_made_by_ForLeg_do_not_read_back()
    {
        Assert.False(ClientOrderId.Parse("TEST").TryGetLeg(out _, out _, out _));
        Assert.False(ClientOrderId.Parse("FAxL1A0").TryGetLeg(out _, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientOrderId.ForLeg(1, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientOrderId.ForLeg(-1, 0, 0));
    }

    [Fact]
    public void Equality_is_by_content()
    {
        Assert.Equal(ClientOrderId.ForLeg(7, 0, 1), ClientOrderId.Parse("FA7L0A1"));
        Assert.NotEqual(ClientOrderId.ForLeg(7, 0, 1), ClientOrderId.ForLeg(7, 0, 2));
        Assert.Equal(ClientOrderId.Parse("abc").GetHashCode(), ClientOrderId.Parse("abc").GetHashCode());
    }
}
