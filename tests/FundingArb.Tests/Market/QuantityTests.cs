using System.Text;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class QuantityTests
{
    [Fact]
    public void ParsesAndPrintsTheExactDecimal()
    {
        Assert.True(Quantity.TryParse("0.01500000"u8, out Quantity quantity));
        Assert.Equal(new Quantity(1_500_000), quantity);
        Assert.Equal("0.015", quantity.ToString());
        Assert.Equal("92233720368.54775807", new Quantity(long.MaxValue).ToString());
        Assert.Equal(new Quantity(-250_000_000), Quantity.Parse("-2.5"));

        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        Assert.True(quantity.TryFormat(buffer, out int written));
        Assert.Equal("0.015", Encoding.ASCII.GetString(buffer[..written]));
    }

    [Fact]
    public void TryParse_ReportsWhy()
    {
        Assert.False(Quantity.TryParse("92233720369"u8, out _, out FixedPointError error));
        Assert.Equal(FixedPointError.Overflow, error);
        Assert.False(Quantity.TryParse("0.000000001"u8, out _, out error));
        Assert.Equal(FixedPointError.TooManyFractionDigits, error);
        Assert.Throws<FormatException>(() => Quantity.Parse("1e"));
    }

    [Theory]
    [InlineData(123_456_789L, 1_000_000L, 123_000_000L)]
    [InlineData(123_000_000L, 1_000_000L, 123_000_000L)]
    [InlineData(999_999L, 1_000_000L, 0L)]
    [InlineData(-123_456_789L, 1_000_000L, -123_000_000L)] // toward zero, so a sell never grows either
    [InlineData(long.MinValue, 10L, -9_223_372_036_854_775_800L)]
    [InlineData(long.MaxValue, 1L, long.MaxValue)]
    public void RoundDown_GoesTowardZero_ToAMultipleOfTheStep(long raw, long step, long expected)
    {
        Assert.Equal(new Quantity(expected), new Quantity(raw).RoundDown(new Quantity(step)));
    }

    [Fact]
    public void RoundDown_RejectsANonPositiveStep()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.Parse("1").RoundDown(Quantity.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.Parse("1").RoundDown(new Quantity(-1)));
    }

    [Fact]
    public void NotionalAt_IsQuantityTimesPrice_WithoutOverflow()
    {
        Assert.Equal(100_982.175, Quantity.Parse("1.5").NotionalAt(Price.Parse("67321.45")), 1e-9);
        Assert.Equal(-0.5, Quantity.Parse("-0.25").NotionalAt(Price.Parse("2")));
        Assert.Equal(0.0, Quantity.Zero.NotionalAt(Price.Parse("67321.45")));

        // 92 billion × 922 million would overflow a long many times over; 128-bit product, then one rounding.
        double huge = new Quantity(long.MaxValue).NotionalAt(new Price(long.MaxValue));
        Assert.Equal(92_233_720_368.54775807 * 922_337_203.6854775807, huge, huge * 1e-15);
        Assert.Equal(-huge, new Quantity(long.MinValue + 1).NotionalAt(new Price(long.MaxValue)));
    }
}
