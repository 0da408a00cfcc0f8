using System.Text;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class FixedPointFormatTests
{
    [Theory]
    [InlineData(0L, 0, "0")]
    [InlineData(0L, 8, "0")]
    [InlineData(0L, 18, "0")]
    [InlineData(1L, 8, "0.00000001")]
    [InlineData(-1L, 8, "-0.00000001")]
    [InlineData(1L, 18, "0.000000000000000001")]
    [InlineData(-1L, 18, "-0.000000000000000001")]
    [InlineData(5L, 1, "0.5")]
    [InlineData(100L, 2, "1")]
    [InlineData(-100L, 2, "-1")]
    [InlineData(123_400_000_000L, 8, "1234")]
    [InlineData(1_179_415_000_000L, 8, "11794.15")]
    [InlineData(400_000_200L, 8, "4.000002")]
    [InlineData(673_214_500_000_000L, 10, "67321.45")]
    [InlineData(112_854_211_479_800L, 18, "0.0001128542114798")]
    [InlineData(-23_450_000_000_000L, 18, "-0.00002345")]
    [InlineData(1_000_000_000_000_000_000L, 18, "1")]
    [InlineData(1_000_000_000_000_000_000L, 0, "1000000000000000000")]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MaxValue, 8, "92233720368.54775807")]
    [InlineData(long.MinValue, 8, "-92233720368.54775808")]
    [InlineData(long.MaxValue, 18, "9.223372036854775807")]
    [InlineData(long.MinValue, 18, "-9.223372036854775808")]
    [InlineData(long.MinValue + 1, 18, "-9.223372036854775807")]
    public void WritesTheExactDecimal(long raw, int scale, string expected)
    {
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        Assert.True(FixedPoint.TryFormat(raw, scale, buffer, out int written));
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
        Assert.Equal(expected, FixedPoint.Format(raw, scale));
    }

    [Fact]
    public void EveryDigitCount_AtThePowerOfTenBoundaries()
    {
        long power = 1; // 10^k
        for (int k = 0; k <= 18; k++, power = k <= 18 ? power * 10 : power)
        {
            string tenToK = "1" + new string('0', k);
            Assert.Equal(tenToK, FixedPoint.Format(power, 0));
            Assert.Equal("-" + tenToK, FixedPoint.Format(-power, 0));
            if (k > 0)
            {
                Assert.Equal(new string('9', k), FixedPoint.Format(power - 1, 0));
                // k nines right-aligned in an 18-place fraction.
                Assert.Equal("0." + new string('0', 18 - k) + new string('9', k), FixedPoint.Format(power - 1, 18));
                Assert.Equal("0." + new string('0', k - 1) + "1", FixedPoint.Format(1, k));
            }
        }
    }

    [Fact]
    public void NegativeZero_IsNeverPrinted()
    {
        Assert.True(FixedPoint.TryParse("-0.0000"u8, 8, out long raw));
        Assert.Equal("0", FixedPoint.Format(raw, 8));
    }

    [Fact]
    public void MaxFormattedLength_IsReachedAndSuffices()
    {
        Assert.Equal(FixedPoint.MaxFormattedLength, FixedPoint.Format(long.MinValue, 18).Length);
        Assert.Equal(FixedPoint.MaxFormattedLength, FixedPoint.Format(-1, 18).Length);
        for (int scale = 0; scale <= FixedPoint.MaxScale; scale++)
        {
            foreach (long raw in (long[])[long.MinValue, long.MinValue + 1, long.MaxValue, -1, -999_999_999_999_999_999])
                Assert.True(FixedPoint.Format(raw, scale).Length <= FixedPoint.MaxFormattedLength);
        }
    }

    [Fact]
    public void TooShortDestination_WritesNothing_AndReportsFalse()
    {
        byte[] buffer = "xxxxxxxx"u8.ToArray();
        Assert.False(FixedPoint.TryFormat(-1_179_415_000_000, 8, buffer.AsSpan(0, 8), out int written));
        Assert.Equal(0, written);
        Assert.Equal("xxxxxxxx"u8.ToArray(), buffer);

        Span<byte> exact = stackalloc byte[9];
        Assert.True(FixedPoint.TryFormat(-1_179_415_000_000, 8, exact, out written));
        Assert.Equal(9, written);
        Assert.Equal("-11794.15", Encoding.ASCII.GetString(exact));

        Assert.False(FixedPoint.TryFormat(0, 8, Span<byte>.Empty, out written));
        Assert.Equal(0, written);
    }
}
