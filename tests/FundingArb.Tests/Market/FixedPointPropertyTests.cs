using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

/// <summary>Properties of <see cref="FixedPoint"/> checked against <see cref="Reference"/>, an independent, slow
/// BigInteger parser and formatter that shares no code with the engine.</summary>
public sealed class FixedPointPropertyTests
{
    private static readonly BigInteger MaxMagnitude = long.MaxValue;
    private static readonly BigInteger MinMagnitude = -(BigInteger)long.MinValue;

    [Property(MaxTest = 1000)]
    public Property ValidText_ParsesToItsValue_AndFormatsToTheCanonicalForm() =>
        Prop.ForAll(Generators.Valid().ToArbitrary(), c =>
        {
            byte[] utf8 = Encoding.ASCII.GetBytes(c.Text);
            bool ok = FixedPoint.TryParse(utf8, c.Scale, out long raw, out FixedPointError error);
            (Reference.Outcome outcome, BigInteger value) = Reference.Parse(c.Text, c.Scale);
            return ok && error == FixedPointError.None && raw == c.Raw
                && outcome == Reference.Outcome.Ok && value == c.Raw
                && FixedPoint.Format(raw, c.Scale) == Reference.Format(value, c.Scale);
        });

    [Property(MaxTest = 1000)]
    public Property AnyRaw_AtAnyScale_FormatsCanonically_AndRoundTrips() =>
        Prop.ForAll(Generators.Raw().ToArbitrary(), Gen.Choose(0, FixedPoint.MaxScale).ToArbitrary(), (raw, scale) =>
        {
            Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
            bool formatted = FixedPoint.TryFormat(raw, scale, buffer, out int written);
            string text = Encoding.ASCII.GetString(buffer[..written]);
            return formatted
                && text == Reference.Format(raw, scale)
                && FixedPoint.TryParse(buffer[..written], scale, out long back)
                && back == raw;
        });

    [Property(MaxTest = 300)]
    public Property MagnitudeBeyondLong_IsOverflow() =>
        Prop.ForAll(Generators.Overflowing().ToArbitrary(), c =>
            !FixedPoint.TryParse(Encoding.ASCII.GetBytes(c.Text), c.Scale, out long raw, out FixedPointError error)
            && error == FixedPointError.Overflow && raw == 0
            && Reference.Parse(c.Text, c.Scale).Outcome == Reference.Outcome.Overflow);

    [Property]
    public Property NonZeroDigitBelowTheScale_IsInexact() =>
        Prop.ForAll(Generators.Inexact().ToArbitrary(), c =>
            !FixedPoint.TryParse(Encoding.ASCII.GetBytes(c.Text), c.Scale, out long raw, out FixedPointError error)
            && error == FixedPointError.TooManyFractionDigits && raw == 0
            && Reference.Parse(c.Text, c.Scale).Outcome == Reference.Outcome.Inexact);

    [Property(MaxTest = 10_000)]
    public Property AnyBytes_NeverThrow_AndAgreeWithTheReference() =>
        Prop.ForAll(Generators.Garbage().ToArbitrary(), Gen.Choose(0, FixedPoint.MaxScale).ToArbitrary(), (bytes, scale) =>
        {
            bool ok = FixedPoint.TryParse(bytes, scale, out long raw, out FixedPointError error);
            (Reference.Outcome outcome, BigInteger value) = Reference.Parse(Encoding.Latin1.GetString(bytes), scale);
            return outcome switch
            {
                Reference.Outcome.Ok => ok && raw == value,
                Reference.Outcome.Overflow => !ok && error == FixedPointError.Overflow,
                Reference.Outcome.Inexact => !ok && error == FixedPointError.TooManyFractionDigits,
                _ => !ok && raw == 0 && (bytes.Length == 0
                    ? error == FixedPointError.Empty
                    : error is FixedPointError.MissingDigits or FixedPointError.InvalidCharacter),
            };
        });

    [Fact]
    public void EveryByte_AtEveryPositionOfALongDigitRun_AgreesWithTheReference()
    {
        // Exhaustive where the 8-byte SWAR digit test could go wrong: each byte value in each lane, on both sides of a point.
        foreach (string template in (string[])["1234567890123456", "1.234567890123456", "12345678.90123456"])
        {
            for (int position = 0; position < template.Length; position++)
            {
                for (int b = 0; b < 256; b++)
                {
                    byte[] bytes = Encoding.Latin1.GetBytes(template);
                    bytes[position] = (byte)b;
                    bool ok = FixedPoint.TryParse(bytes, 2, out long raw, out FixedPointError error);
                    (Reference.Outcome outcome, BigInteger value) = Reference.Parse(Encoding.Latin1.GetString(bytes), 2);
                    Assert.True(outcome == Reference.Outcome.Ok ? ok && raw == value : !ok,
                        $"{Encoding.Latin1.GetString(bytes)}: {error} {raw}, reference {outcome} {value}");
                }
            }
        }
    }

    /// <summary>A text, a scale, and the raw value the text means at that scale (or, for the error generators, the
    /// exact scaled value, which does not fit or is not whole).</summary>
    public sealed record Case(string Text, int Scale, BigInteger Raw);

    private static class Generators
    {
        private static readonly long[] EdgeRaws =
            [0, 1, -1, 9, 10, -10, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 1_000_000_000_000_000_000];

        /// <summary>Longs of every magnitude: uniform bits shifted right by a random amount, plus the edges.</summary>
        public static Gen<long> Raw() =>
            Gen.Frequency(
                (1, Gen.Elements(EdgeRaws)),
                (9, from a in Gen.Choose(0, 0xFFFF)
                    from b in Gen.Choose(0, 0xFFFF)
                    from c in Gen.Choose(0, 0xFFFF)
                    from d in Gen.Choose(0, 0xFFFF)
                    from shift in Gen.Choose(0, 63)
                    select (long)((ulong)(uint)a << 48 | (ulong)(uint)b << 32 | (ulong)(uint)c << 16 | (uint)d) >> shift));

        /// <summary>Any long at any scale, written in a random but exact form.</summary>
        public static Gen<Case> Valid() =>
            from raw in Raw()
            from scale in Gen.Choose(0, FixedPoint.MaxScale)
            from text in Render(raw, scale)
            select new Case(text, scale, raw);

        /// <summary>Values whose whole number of units is just past, or far past, what a long holds.</summary>
        public static Gen<Case> Overflowing() =>
            from negative in Gen.Elements(false, true)
            from excess in Gen.Frequency(
                (2, Gen.Elements(0L, 1L, 2L)),
                (3, Raw().Select(r => r == long.MinValue ? 0 : Math.Abs(r))))
            from power in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 30)))
            from scale in Gen.Choose(0, FixedPoint.MaxScale)
            from extra in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
            from tail in Gen.Choose(0, 999)
            let magnitude = ((negative ? MinMagnitude : MaxMagnitude) + 1 + excess) * BigInteger.Pow(10, power)
            // Half the time also inexact (digits below the scale): overflow must still win.
            let fine = magnitude * BigInteger.Pow(10, extra) + tail % BigInteger.Pow(10, extra)
            let raw = negative ? -fine : fine
            from text in Render(raw, scale + extra)
            select new Case(text, scale, raw);

        /// <summary>Values that fit, but carry a non-zero digit 1..6 places below the scale.</summary>
        public static Gen<Case> Inexact() =>
            from raw in Raw()
            from scale in Gen.Choose(0, FixedPoint.MaxScale)
            from extra in Gen.Choose(1, 6)
            from lastDigits in Gen.Choose(1, 999_999)
            let unit = BigInteger.Pow(10, extra)
            let below = lastDigits % unit
            where !below.IsZero
            // Keeps the whole part in range: |raw| / 10 fits whatever the sign of below.
            let fine = (BigInteger)(raw / 10) * unit + (raw < 0 ? -below : below)
            from text in Render(fine, scale + extra)
            select new Case(text, scale, fine);

        /// <summary>Random bytes drawn mostly from the grammar's alphabet, and mutations of valid texts.</summary>
        public static Gen<byte[]> Garbage()
        {
            Gen<byte> grammar = Gen.Elements("0123456789.+-eE0001."u8.ToArray());
            // Includes the neighbours of '0'..'9' ('/', ':', '?') and bytes that carry when the SWAR digit test adds 6.
            Gen<byte> other = Gen.Elements(" \t\n,_xXnNaIifd\"\0/:?"u8.ToArray().Concat(new byte[] { 0x80, 0xB0, 0xC2, 0xD9, 0xFA, 0xFF }).ToArray());
            Gen<byte> any = Gen.Frequency((12, grammar), (1, other));
            Gen<byte[]> random = from length in Gen.Choose(0, 24)
                                 from bytes in Gen.ArrayOf(any, length)
                                 select bytes;
            Gen<byte[]> mutated = from c in Valid()
                                  from position in Gen.Choose(0, 1000)
                                  from kind in Gen.Choose(0, 2)
                                  from b in any
                                  select Mutate(Encoding.ASCII.GetBytes(c.Text), position, kind, b);
            return Gen.OneOf(random, mutated);
        }

        private static byte[] Mutate(byte[] text, int position, int kind, byte b)
        {
            var list = new List<byte>(text);
            int at = position % (list.Count + 1);
            if (kind == 0 || list.Count == 0)
                list.Insert(at, b);
            else if (at == list.Count)
                list.RemoveAt(at - 1);
            else if (kind == 1)
                list.RemoveAt(at);
            else
                list[at] = b;
            return [.. list];
        }

        /// <summary>Writes <c>raw × 10^-scale</c> exactly, with random sign style, leading and trailing zeros, point
        /// position (including <c>.5</c> and <c>5.</c>) and, half the time, an exponent.</summary>
        public static Gen<string> Render(BigInteger raw, int scale) =>
            from leadingZeros in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 4)), (1, Gen.Choose(5, 30)))
            from trailingZeros in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 4)), (1, Gen.Choose(5, 30)))
            from scientific in Gen.Elements(false, true)
            from pointChoice in Gen.Choose(0, 1000)
            from plus in Gen.Elements(false, true)
            from bareZero in Gen.Elements(false, true)
            from bareEnd in Gen.Elements(false, true)
            from upper in Gen.Elements(false, true)
            from exponentZeros in Gen.Choose(0, 2)
            select Compose(raw, scale, leadingZeros, trailingZeros, scientific, pointChoice, plus, bareZero, bareEnd, upper, exponentZeros);

        private static string Compose(BigInteger raw, int scale, int leadingZeros, int trailingZeros, bool scientific,
            int pointChoice, bool plus, bool bareZero, bool bareEnd, bool upper, int exponentZeros)
        {
            BigInteger magnitude = BigInteger.Abs(raw);
            string mantissa = new string('0', leadingZeros)
                + (magnitude.IsZero ? "" : magnitude.ToString(CultureInfo.InvariantCulture))
                + new string('0', trailingZeros);
            if (mantissa.Length == 0)
                mantissa = "0";
            int valueExponent = -scale - trailingZeros; // value = int(mantissa) × 10^valueExponent

            int point;
            int exponent = 0;
            if (scientific)
            {
                point = pointChoice % (mantissa.Length + 1);
                exponent = valueExponent + mantissa.Length - point;
            }
            else
            {
                point = mantissa.Length + valueExponent;
                if (point < 0)
                {
                    mantissa = new string('0', -point) + mantissa;
                    point = 0;
                }
            }

            string integral = mantissa[..point];
            string fraction = mantissa[point..];
            var sb = new StringBuilder();
            sb.Append(raw.Sign < 0 ? "-" : plus ? "+" : "");
            sb.Append(integral.Length == 0 && !(bareZero && fraction.Length > 0) ? "0" : integral);
            if (fraction.Length > 0)
                sb.Append('.').Append(fraction);
            else if (bareEnd)
                sb.Append('.');
            if (scientific)
            {
                sb.Append(upper ? 'E' : 'e');
                sb.Append(exponent < 0 ? "-" : plus ? "+" : "");
                sb.Append('0', exponentZeros).Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }

    /// <summary>The specification, written for clarity rather than speed: a regular expression for the grammar and
    /// BigInteger arithmetic for the value.</summary>
    internal static class Reference
    {
        public enum Outcome { Ok, SyntaxError, Overflow, Inexact }

        private static readonly Regex Grammar = new(
            @"\A(?<sign>[+-]?)(?<int>[0-9]*)(?:\.(?<frac>[0-9]*))?(?:[eE](?<exp>[+-]?[0-9]+))?\z",
            RegexOptions.CultureInvariant);

        public static (Outcome Outcome, BigInteger Value) Parse(string text, int scale)
        {
            Match m = Grammar.Match(text);
            string integral = m.Groups["int"].Value;
            string fraction = m.Groups["frac"].Value;
            if (!m.Success || integral.Length + fraction.Length == 0)
                return (Outcome.SyntaxError, 0);

            bool negative = m.Groups["sign"].Value == "-";
            BigInteger digits = BigInteger.Parse("0" + integral + fraction, CultureInfo.InvariantCulture);
            BigInteger exponent = m.Groups["exp"].Success
                ? BigInteger.Parse(m.Groups["exp"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : 0;
            if (digits.IsZero)
                return (Outcome.Ok, 0);

            BigInteger limit = negative ? MinMagnitude : MaxMagnitude;
            BigInteger shift = exponent + scale - fraction.Length; // scaled value = digits × 10^shift
            BigInteger whole, remainder;
            if (shift >= 0)
            {
                if (shift > 100)
                    return (Outcome.Overflow, 0);
                whole = digits * BigInteger.Pow(10, (int)shift);
                remainder = 0;
            }
            else if (-shift > integral.Length + fraction.Length)
            {
                (whole, remainder) = (0, digits);
            }
            else
            {
                whole = BigInteger.DivRem(digits, BigInteger.Pow(10, (int)-shift), out remainder);
            }

            if (whole > limit)
                return (Outcome.Overflow, 0);
            if (!remainder.IsZero)
                return (Outcome.Inexact, 0);
            return (Outcome.Ok, negative ? -whole : whole);
        }

        /// <summary>The canonical form: plain digits, '-' if negative, no trailing fractional zeros, no trailing point.</summary>
        public static string Format(BigInteger raw, int scale)
        {
            string digits = BigInteger.Abs(raw).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            string integral = digits[..^scale];
            string fraction = digits[^scale..].TrimEnd('0');
            return (raw.Sign < 0 ? "-" : "") + integral + (fraction.Length > 0 ? "." + fraction : "");
        }
    }
}
