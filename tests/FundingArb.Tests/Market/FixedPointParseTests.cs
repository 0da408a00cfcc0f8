using System.Text;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class FixedPointParseTests
{
    [Theory]
    // From the venues' docs and frames.
    [InlineData("11794.15000000", 8, 1_179_415_000_000L)]
    [InlineData("11794.15000000", 10, 117_941_500_000_000L)]
    [InlineData("67321.45", 10, 673_214_500_000_000L)]
    [InlineData("0.00038167", 10, 3_816_700L)]
    [InlineData("0.00038167", 18, 381_670_000_000_000L)]
    [InlineData("-0.00002345", 8, -2_345L)]
    [InlineData("0.0001128542114798", 18, 112_854_211_479_800L)]
    [InlineData("1E-8", 8, 1L)]
    [InlineData("1.5e+3", 8, 150_000_000_000L)]
    [InlineData("-2.345E-05", 18, -23_450_000_000_000L)]
    [InlineData("4.00000200", 8, 400_000_200L)]
    [InlineData("0", 0, 0L)]
    [InlineData("0", 18, 0L)]
    [InlineData("-0", 8, 0L)]
    [InlineData("+0", 8, 0L)]
    [InlineData("-0.000", 8, 0L)]
    [InlineData("0.0E0", 8, 0L)]
    [InlineData("00012.3400", 8, 1_234_000_000L)]
    // Grammar decisions: a bare point on either side is accepted, as is an explicit '+'.
    [InlineData("5.", 8, 500_000_000L)]
    [InlineData(".5", 8, 50_000_000L)]
    [InlineData("-.5", 8, -50_000_000L)]
    [InlineData("5.e2", 0, 500L)]
    [InlineData(".5E+1", 0, 5L)]
    [InlineData("+1", 8, 100_000_000L)]
    [InlineData("1e+0", 0, 1L)]
    [InlineData("1e-0", 0, 1L)]
    [InlineData("1e0001", 0, 10L)]
    // Trailing zeros below the scale are fine, however many; zeros never matter to exactness.
    [InlineData("0.10000000000000000000000000", 8, 10_000_000L)]
    [InlineData("0.000000000000000000000000000000", 8, 0L)]
    [InlineData("0e99999999999999999999999999", 8, 0L)]
    [InlineData("-0e-99999999999999999999999999", 8, 0L)]
    [InlineData("120e-1", 0, 12L)]
    [InlineData("1000000000000000000e-18", 0, 1L)]
    // The edges of long, including long.MinValue, and the slow path (> 19 significant digits).
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    [InlineData("-9223372036854775808", 0, long.MinValue)]
    [InlineData("0000000000000000000009223372036854775807", 0, long.MaxValue)]
    [InlineData("92233720368.54775807", 8, long.MaxValue)]
    [InlineData("-92233720368.54775808", 8, long.MinValue)]
    [InlineData("9.223372036854775807", 18, long.MaxValue)]
    [InlineData("-9.223372036854775808", 18, long.MinValue)]
    [InlineData("9.2233720368547758070000000", 18, long.MaxValue)]
    [InlineData("-9223372036854775808000e-3", 0, long.MinValue)]
    [InlineData("0.000000000000000000009223372036854775807e39", 0, long.MaxValue)]
    [InlineData("10000000000000000000e-1", 0, 1_000_000_000_000_000_000L)]
    [InlineData("12345678901234567890e-11", 10, 1_234_567_890_123_456_789L)]
    [InlineData("1e18", 0, 1_000_000_000_000_000_000L)]
    [InlineData("0.01e20", 0, 1_000_000_000_000_000_000L)]
    [InlineData("9999999999999999990e-1", 0, 999_999_999_999_999_999L)]
    [InlineData("9000000000000000000e-18", 0, 9L)]
    [InlineData("1e-18", 18, 1L)]
    public void Accepts(string text, int scale, long expected)
    {
        bool ok = FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out long raw, out FixedPointError error);
        Assert.Equal(FixedPointError.None, error);
        Assert.True(ok);
        Assert.Equal(expected, raw);
    }

    [Theory]
    [InlineData("", 8, FixedPointError.Empty)]
    [InlineData("-", 8, FixedPointError.MissingDigits)]
    [InlineData("+", 8, FixedPointError.MissingDigits)]
    [InlineData(".", 8, FixedPointError.MissingDigits)]
    [InlineData("-.", 8, FixedPointError.MissingDigits)]
    [InlineData("1e", 8, FixedPointError.MissingDigits)]
    [InlineData("1e+", 8, FixedPointError.MissingDigits)]
    [InlineData("1E-", 8, FixedPointError.MissingDigits)]
    [InlineData("1..2", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1.2.3", 8, FixedPointError.InvalidCharacter)]
    [InlineData("NaN", 8, FixedPointError.InvalidCharacter)]
    [InlineData("nan", 8, FixedPointError.InvalidCharacter)]
    [InlineData("Infinity", 8, FixedPointError.InvalidCharacter)]
    [InlineData("-Infinity", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1e309", 8, FixedPointError.Overflow)]
    [InlineData(" 1", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1 ", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1\n", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1\0", 8, FixedPointError.InvalidCharacter)]
    [InlineData("0x10", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1,5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1_000", 8, FixedPointError.InvalidCharacter)]
    [InlineData("\"1\"", 8, FixedPointError.InvalidCharacter)]
    [InlineData("--1", 8, FixedPointError.InvalidCharacter)]
    [InlineData("+-1", 8, FixedPointError.InvalidCharacter)]
    [InlineData("e5", 8, FixedPointError.InvalidCharacter)]
    [InlineData(".e5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1e5.5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1e--5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1e 5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1ee5", 8, FixedPointError.InvalidCharacter)]
    [InlineData("١", 8, FixedPointError.InvalidCharacter)] // ARABIC-INDIC DIGIT ONE: a digit, but not ASCII
    [InlineData("1d", 8, FixedPointError.InvalidCharacter)]
    [InlineData("1e999999999999", 8, FixedPointError.Overflow)]
    [InlineData("1e99999999999999999999999999999999", 8, FixedPointError.Overflow)]
    [InlineData("92233720369", 8, FixedPointError.Overflow)]
    [InlineData("92233720368.54775808", 8, FixedPointError.Overflow)]
    [InlineData("9223372036854775808", 0, FixedPointError.Overflow)]
    [InlineData("-9223372036854775809", 0, FixedPointError.Overflow)]
    [InlineData("18446744073709551616", 0, FixedPointError.Overflow)] // 2^64: would wrap to 0 in a ulong
    [InlineData("1e19", 0, FixedPointError.Overflow)]
    [InlineData("0.1e20", 0, FixedPointError.Overflow)] // 10^19 still fits a ulong, not a long
    [InlineData("1e20", 0, FixedPointError.Overflow)]
    [InlineData("1e2", 18, FixedPointError.Overflow)]
    [InlineData("1e21", 0, FixedPointError.Overflow)]
    [InlineData("-1844674407370955161.6", 1, FixedPointError.Overflow)]
    [InlineData("9.3", 18, FixedPointError.Overflow)]
    [InlineData("1000000000000000000000.000000001", 0, FixedPointError.Overflow)] // both: overflow wins
    [InlineData("9223372036854775808.5", 0, FixedPointError.Overflow)]            // both, on the slow path
    [InlineData("-0000009223372036854797.5807e-09", 12, FixedPointError.Overflow)] // both, found by the garbage property
    [InlineData("-9223372036854775808.5", 0, FixedPointError.TooManyFractionDigits)] // the whole part fits a negative
    [InlineData("0.000000001", 8, FixedPointError.TooManyFractionDigits)]
    [InlineData("0.000000000000000000000000100000", 8, FixedPointError.TooManyFractionDigits)]
    [InlineData("1.5", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("1e-1", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("1e-19", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("1e-20", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("9999999999999999999e-19", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("9999999999999999999e-20", 0, FixedPointError.TooManyFractionDigits)]
    [InlineData("1e-999999999999", 8, FixedPointError.TooManyFractionDigits)]
    [InlineData("1e-99999999999999999999999999999999", 8, FixedPointError.TooManyFractionDigits)]
    [InlineData("1.0000000000000000000000001", 8, FixedPointError.TooManyFractionDigits)]
    public void Rejects(string text, int scale, FixedPointError expected)
    {
        bool ok = FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out long raw, out FixedPointError error);
        Assert.False(ok);
        Assert.Equal(expected, error);
        Assert.Equal(0, raw);
    }

    [Fact]
    public void InvalidUtf8_IsRejected_NotThrown()
    {
        Assert.False(FixedPoint.TryParse([0xFF, (byte)'1'], 8, out _, out FixedPointError error));
        Assert.Equal(FixedPointError.InvalidCharacter, error);
    }

    [Fact]
    public void ExponentsAreExact_EvenPastTheSaturationOfAShortInput()
    {
        // 0.(12344 zeros)1 × 10^12345 = 1: the exponent must not saturate before the span's own length.
        string text = "0." + new string('0', 12_344) + "1e12345";
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), 0, out long raw));
        Assert.Equal(1, raw);

        string inexact = "0." + new string('0', 12_344) + "1e12344";
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(inexact), 0, out _, out FixedPointError error));
        Assert.Equal(FixedPointError.TooManyFractionDigits, error);
    }

    [Fact]
    public void LongDigitRuns_AreExact()
    {
        string zeros = new('0', 100_000);
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(zeros + "42." + zeros), 8, out long raw));
        Assert.Equal(4_200_000_000, raw);
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes("42." + zeros + "1"), 8, out _, out FixedPointError error));
        Assert.Equal(FixedPointError.TooManyFractionDigits, error);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(19)]
    [InlineData(int.MinValue)]
    public void BadScale_IsAProgrammingError(int scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.TryParse("1"u8, scale, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.TryFormat(1, scale, new byte[32], out _));
    }

    [Fact]
    public void Parse_ThrowsFormatException_WithTheReason()
    {
        Assert.Equal(1_234_000_000, FixedPoint.Parse("12.34", 8));
        FormatException e = Assert.Throws<FormatException>(() => FixedPoint.Parse("0.000000001", 8));
        Assert.Contains("0.000000001", e.Message, StringComparison.Ordinal);
        Assert.Contains("too many decimal places", e.Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Assert.Throws<FormatException>(() => FixedPoint.Parse("1e30", 8)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => FixedPoint.Parse(null!, 8));
    }
}
