using System.Text;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class FundingRateTests
{
    [Theory]
    [InlineData("0.0001128542114798", 112_854_211_479_800L, "0.0001128542114798")] // OKX
    [InlineData("0.00010000", 100_000_000_000_000L, "0.0001")]                    // Binance
    [InlineData("-0.00002345", -23_450_000_000_000L, "-0.00002345")]
    [InlineData("-2.345E-05", -23_450_000_000_000L, "-0.00002345")]
    [InlineData("0.000000000000000001", 1L, "0.000000000000000001")]
    [InlineData("9.223372036854775807", long.MaxValue, "9.223372036854775807")]
    [InlineData("-0", 0L, "0")]
    public void ParsesAndPrintsTheExactDecimal(string text, long raw, string printed)
    {
        Assert.True(FundingRate.TryParse(Encoding.ASCII.GetBytes(text), out FundingRate rate));
        Assert.Equal(new FundingRate(raw), rate);
        Assert.Equal(printed, rate.ToString());
        Assert.Equal(rate, FundingRate.Parse(text));

        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        Assert.True(rate.TryFormat(buffer, out int written));
        Assert.Equal(printed, Encoding.ASCII.GetString(buffer[..written]));
    }

    [Theory]
    [InlineData("9.3", FixedPointError.Overflow)] // about ±9.22 is the range
    [InlineData("0.0000000000000000001", FixedPointError.TooManyFractionDigits)]
    [InlineData("", FixedPointError.Empty)]
    public void RejectsWhatDoesNotFit(string text, FixedPointError expected)
    {
        Assert.False(FundingRate.TryParse(Encoding.ASCII.GetBytes(text), out _, out FixedPointError error));
        Assert.Equal(expected, error);
        Assert.Throws<FormatException>(() => FundingRate.Parse(text));
    }

    [Fact]
    public void ToDouble_StillWorks()
    {
        Assert.Equal(0.0001, FundingRate.Parse("0.0001").ToDouble(), 1e-18);
    }
}
