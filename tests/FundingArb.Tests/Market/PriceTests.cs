using System.Text;
using System.Text.Unicode;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class PriceTests
{
    [Fact]
    public void ParsesAndPrintsTheExactDecimal()
    {
        Assert.True(Price.TryParse("67321.45000"u8, out Price price));
        Assert.Equal(new Price(673_214_500_000_000), price);
        Assert.Equal("67321.45", price.ToString());
        Assert.Equal("67321.45", $"{price}");
        Assert.Equal("0.0000000001", new Price(1).ToString());
        Assert.Equal("0", Price.Zero.ToString());
        Assert.Equal(price, Price.Parse("6.732145e4"));
    }

    [Fact]
    public void TryParse_ReportsWhy()
    {
        Assert.False(Price.TryParse("0.00000000001"u8, out Price price, out FixedPointError error));
        Assert.Equal(FixedPointError.TooManyFractionDigits, error);
        Assert.Equal(Price.Zero, price);
        Assert.False(Price.TryParse("1e9"u8, out _, out error)); // ±922 million is the range
        Assert.Equal(FixedPointError.Overflow, error);
        Assert.False(Price.TryParse("NaN"u8, out _));
    }

    [Fact]
    public void Parse_ThrowsFormatException()
    {
        FormatException e = Assert.Throws<FormatException>(() => Price.Parse("12,5"));
        Assert.Contains("invalid character", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsIntoUtf8_AlsoThroughIUtf8SpanFormattable()
    {
        var price = new Price(-23_450_000);
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(price.TryFormat(buffer, out int written));
        Assert.Equal("-0.002345", Encoding.ASCII.GetString(buffer[..written]));

        Assert.True(Utf8.TryWrite(buffer, $"px={price};", out written));
        Assert.Equal("px=-0.002345;", Encoding.ASCII.GetString(buffer[..written]));
    }

    [Theory]
    //          value      tick    down     up   nearest
    [InlineData(12_345L, 100L, 12_300L, 12_400L, 12_300L)]
    [InlineData(12_350L, 100L, 12_300L, 12_400L, 12_400L)] // tie: away from zero
    [InlineData(12_351L, 100L, 12_300L, 12_400L, 12_400L)]
    [InlineData(12_300L, 100L, 12_300L, 12_300L, 12_300L)]
    [InlineData(0L, 100L, 0L, 0L, 0L)]
    [InlineData(-12_345L, 100L, -12_400L, -12_300L, -12_300L)]
    [InlineData(-12_350L, 100L, -12_400L, -12_300L, -12_400L)] // tie: away from zero
    [InlineData(-12_300L, 100L, -12_300L, -12_300L, -12_300L)]
    [InlineData(7L, 1L, 7L, 7L, 7L)]
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue)]
    [InlineData(long.MaxValue - 1, long.MaxValue, 0L, long.MaxValue, long.MaxValue)]
    [InlineData(long.MinValue, 2L, long.MinValue, long.MinValue, long.MinValue)]
    public void RoundsToATick(long raw, long tick, long down, long up, long nearest)
    {
        var price = new Price(raw);
        var t = new Price(tick);
        Assert.Equal(new Price(down), price.RoundDown(t));
        Assert.Equal(new Price(up), price.RoundUp(t));
        Assert.Equal(new Price(nearest), price.RoundNearest(t));
    }

    [Fact]
    public void Rounding_ChecksTheTickAndOverflow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Price(5).RoundDown(Price.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Price(5).RoundUp(new Price(-1)));
        Assert.Throws<OverflowException>(() => new Price(long.MaxValue).RoundUp(new Price(10)));
        Assert.Throws<OverflowException>(() => new Price(long.MaxValue).RoundNearest(new Price(10)));
        Assert.Throws<OverflowException>(() => new Price(long.MinValue).RoundDown(new Price(10)));
    }
}
