using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace FundingArb.Market;

/// <summary>Exact conversion between UTF-8 decimal text and fixed-point integers (<c>raw × 10^-scale</c>).</summary>
/// <remarks>
/// The one implementation behind <see cref="Price"/>, <see cref="Quantity"/> and <see cref="FundingRate"/>.
/// Parse grammar (ASCII only, nothing else, no whitespace):
/// <code>
/// number   = [ "+" | "-" ] mantissa [ exponent ]
/// mantissa = digits [ "." [ digits ] ] | "." digits      ; so "5." and ".5" are accepted, "." is not
/// exponent = ( "e" | "E" ) [ "+" | "-" ] digits
/// </code>
/// A value is accepted when it is exactly <c>raw × 10^-scale</c> for some <c>raw</c> in
/// [<see cref="long.MinValue"/>, <see cref="long.MaxValue"/>]; any number of leading zeros, and trailing zeros
/// below the scale, are fine. <c>-0</c> parses to 0. When a value both overflows and is inexact, the error is
/// <see cref="FixedPointError.Overflow"/>. Parsing and formatting never throw on input and never allocate.
/// </remarks>
public static class FixedPoint
{
    public const int MaxScale = 18;

    /// <summary>Longest output of <see cref="TryFormat"/>: sign, 19 digits and a point (e.g. <c>-9.223372036854775808</c>).</summary>
    public const int MaxFormattedLength = 21;

    // 19 decimal digits always fit a ulong (< 10^19 < 2^64); more may not.
    private const int MaxExactDigits = 19;

    // Any exponent beyond this behaves like infinity, because an input span holds < 2^31 digits.
    private const long ExponentCap = 1_000_000_000_000L;

    private static ReadOnlySpan<ulong> Pow10 =>
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL,
        1_000_000_000UL, 10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL,
        100_000_000_000_000UL, 1_000_000_000_000_000UL, 10_000_000_000_000_000UL,
        100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL, 10_000_000_000_000_000_000UL,
    ];

    /// <summary>Parses <paramref name="utf8"/> as exactly <c>raw × 10^-scale</c>; see the grammar on <see cref="FixedPoint"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not in 0..18 (a programming error).</exception>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long raw, out FixedPointError error)
    {
        ValidateScale(scale);
        error = ParseCore(utf8, scale, out raw);
        return error == FixedPointError.None;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, int, out long, out FixedPointError)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long raw) => TryParse(utf8, scale, out raw, out _);

    /// <summary>Parses config or test text; throws <see cref="FormatException"/> saying why. Allocates: not for the hot path.</summary>
    public static long Parse(string s, int scale)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (TryParse(Encoding.UTF8.GetBytes(s), scale, out long raw, out FixedPointError error))
            return raw;
        throw new FormatException($"\"{s}\" is not a decimal number exact to {scale} decimal places: {Describe(error)}.");
    }

    /// <summary>Writes the exact decimal: <c>-</c> for negatives, no exponent, no trailing fractional zeros, no trailing
    /// point, <c>0</c> for zero. Returns false (writing nothing) if <paramref name="destination"/> is too short;
    /// <see cref="MaxFormattedLength"/> bytes always suffice.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not in 0..18 (a programming error).</exception>
    public static bool TryFormat(long raw, int scale, Span<byte> destination, out int bytesWritten)
    {
        ValidateScale(scale);
        bool negative = raw < 0;
        // Unchecked negation maps long.MinValue to itself, whose ulong reading is the right magnitude, 2^63.
        ulong magnitude = negative ? unchecked((ulong)-raw) : (ulong)raw;
        ulong unit = Pow10[scale];
        ulong integral = magnitude / unit;
        ulong fraction = magnitude - integral * unit;

        // Trailing zeros go eight (rates at scale 18 carry many), then two at a time, then one: each step is a
        // division by a constant, so a multiplication.
        int fractionDigits = 0;
        if (fraction != 0)
        {
            fractionDigits = scale;
            ulong q;
            if ((q = fraction / 100_000_000) * 100_000_000 == fraction)
            {
                fraction = q;
                fractionDigits -= 8;
            }
            while ((q = fraction / 100) * 100 == fraction)
            {
                fraction = q;
                fractionDigits -= 2;
            }
            if ((q = fraction / 10) * 10 == fraction)
            {
                fraction = q;
                fractionDigits--;
            }
        }

        int integralDigits = CountDigits(integral);
        int length = (negative ? 1 : 0) + integralDigits + (fractionDigits == 0 ? 0 : fractionDigits + 1);
        if (length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        // Written backwards, two digits at a time; the fraction takes exactly fractionDigits places, so the zeros
        // right after the point come out of the exhausted value.
        int pos = length;
        int remaining = fractionDigits;
        for (; remaining >= 2; remaining -= 2)
            fraction = WritePair(destination, pos -= 2, fraction);
        if (remaining != 0)
            destination[--pos] = (byte)('0' + fraction);
        if (fractionDigits != 0)
            destination[--pos] = (byte)'.';
        while (integral >= 10)
            integral = WritePair(destination, pos -= 2, integral);
        if (pos > (negative ? 1 : 0)) // an odd number of integral digits leaves one
            destination[--pos] = (byte)('0' + integral);
        if (negative)
            destination[0] = (byte)'-';

        bytesWritten = length;
        return true;
    }

    /// <summary>The exact decimal as a string, for logs, config and tests. Allocates: not for the hot path.</summary>
    public static string Format(long raw, int scale)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        TryFormat(raw, scale, buffer, out int written);
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    // "00" "01" … "99": the two ASCII digits of n at [2n, 2n + 1].
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"u8 +
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"u8 +
        "8081828384858687888990919293949596979899"u8;

    /// <summary>Writes the last two decimal digits of <paramref name="value"/> at <paramref name="at"/>; returns the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WritePair(Span<byte> destination, int at, ulong value)
    {
        ulong rest = value / 100;
        int pair = (int)(value - rest * 100) * 2;
        destination[at] = DigitPairs[pair];
        destination[at + 1] = DigitPairs[pair + 1];
        return rest;
    }

    /// <summary>Decimal digits in <paramref name="value"/>, 1 for 0.</summary>
    private static int CountDigits(ulong value)
    {
        // log10 from log2 (1233/4096 ≈ log10 2), then one comparison fixes the estimate. value | 1 makes 0 count as
        // one digit without changing the comparison for any other value, as powers of ten above 1 are even.
        ulong v = value | 1;
        int estimate = ((64 - BitOperations.LeadingZeroCount(v)) * 1233) >> 12;
        return estimate + (v >= Pow10[estimate] ? 1 : 0);
    }

    /// <summary>A short English reason, for error messages.</summary>
    public static string Describe(FixedPointError error) => error switch
    {
        FixedPointError.None => "no error",
        FixedPointError.Empty => "empty",
        FixedPointError.MissingDigits => "digits missing",
        FixedPointError.InvalidCharacter => "invalid character",
        FixedPointError.Overflow => "out of range",
        FixedPointError.TooManyFractionDigits => "too many decimal places (a non-zero digit below the scale)",
        _ => error.ToString(),
    };

    private static FixedPointError ParseCore(ReadOnlySpan<byte> s, int scale, out long raw)
    {
        raw = 0;
        if (s.IsEmpty)
            return FixedPointError.Empty;

        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (s[0] == (byte)'+')
        {
            i = 1;
        }

        // One pass checks the syntax and accumulates the digits after the leading zeros into acc, which holds
        // them exactly when there are at most 19; the rare longer input is redone by ParseLong.
        ulong acc = 0;
        uint d;
        int intStart = i;
        while ((uint)i < (uint)s.Length && s[i] == (byte)'0')
            i++;
        int intSignificant = i;
        i = AccumulateDigits(s, i, ref acc);
        int intEnd = i;

        int fracStart = i, fracSignificant = i, fracEnd = i;
        if ((uint)i < (uint)s.Length && s[i] == (byte)'.')
        {
            fracStart = ++i;
            if (intSignificant == intEnd)
            {
                // Zeros after the point are still leading zeros while the integer part is zero.
                while ((uint)i < (uint)s.Length && s[i] == (byte)'0')
                    i++;
            }
            fracSignificant = i;
            i = AccumulateDigits(s, i, ref acc);
            fracEnd = i;
        }

        if (intEnd == intStart && fracEnd == fracStart)
            return i == s.Length ? FixedPointError.MissingDigits : FixedPointError.InvalidCharacter;

        long exponent = 0;
        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            bool exponentNegative = false;
            if ((uint)i < (uint)s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                exponentNegative = s[i] == (byte)'-';
                i++;
            }
            int exponentStart = i;
            while ((uint)i < (uint)s.Length && (d = (uint)(s[i] - '0')) <= 9)
            {
                // Saturate rather than overflow; digits past the cap are still consumed and validated.
                if (exponent < ExponentCap)
                    exponent = exponent * 10 + d;
                i++;
            }
            if (i == exponentStart)
                return i == s.Length ? FixedPointError.MissingDigits : FixedPointError.InvalidCharacter;
            if (exponentNegative)
                exponent = -exponent;
        }

        if (i != s.Length)
            return FixedPointError.InvalidCharacter;

        int significant = (intEnd - intSignificant) + (fracEnd - fracSignificant);
        if (significant == 0)
            return FixedPointError.None; // zero, whatever the sign and exponent

        // long.MinValue is accepted so that every long round-trips through TryFormat.
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        int fracLength = fracEnd - fracStart;
        ulong magnitude;
        if (significant > MaxExactDigits)
        {
            FixedPointError error = ParseLong(s, intStart, intEnd - intStart, fracStart, fracLength, exponent, scale, limit, out magnitude);
            if (error != FixedPointError.None)
                return error;
        }
        else
        {
            // raw = acc × 10^shift, with 1 <= acc < 10^19.
            long shift = exponent + scale - fracLength;
            if (shift >= 0)
            {
                if (shift > MaxExactDigits)
                    return FixedPointError.Overflow;
                ulong high = Math.BigMul(acc, Pow10[(int)shift], out magnitude);
                if (high != 0)
                    return FixedPointError.Overflow;
            }
            else
            {
                // Dropping digits below the scale: exact only if they are zeros. The quotient is < 10^18, so it fits.
                if (shift < -MaxExactDigits)
                    return FixedPointError.TooManyFractionDigits;
                ulong unit = Pow10[(int)-shift];
                magnitude = acc / unit;
                if (acc - magnitude * unit != 0)
                    return FixedPointError.TooManyFractionDigits;
            }
        }

        if (magnitude > limit)
            return FixedPointError.Overflow;
        raw = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return FixedPointError.None;
    }

    /// <summary>Slow path for more than 19 significant digits: walks the digits by position instead of accumulating.</summary>
    /// <remarks>The digits are <c>s[intStart..+intLength] ++ s[fracStart..+fracLength]</c>; the first
    /// <c>intLength + exponent + scale</c> of them make the scaled integer, and the rest must be zeros. The range is
    /// checked before the rest, so that a value both too big and inexact is reported as Overflow, as on the fast path
    /// (where it cannot be both).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FixedPointError ParseLong(
        ReadOnlySpan<byte> s, int intStart, int intLength, int fracStart, int fracLength, long exponent, int scale,
        ulong limit, out ulong magnitude)
    {
        magnitude = 0;
        int count = intLength + fracLength;
        long point = intLength + exponent + scale;
        // With more than 19 significant digits, all of them integral means at least 10^19: too big.
        if (point >= count)
            return FixedPointError.Overflow;

        int integralEnd = (int)Math.Max(point, 0);
        int accumulated = 0;
        for (int k = 0; k < integralEnd; k++)
        {
            uint d = DigitAt(s, k, intStart, intLength, fracStart);
            if (accumulated == 0 && d == 0)
                continue;
            if (++accumulated > MaxExactDigits)
                return FixedPointError.Overflow;
            magnitude = magnitude * 10 + d;
        }
        if (magnitude > limit)
            return FixedPointError.Overflow;

        for (int k = integralEnd; k < count; k++)
        {
            if (DigitAt(s, k, intStart, intLength, fracStart) != 0)
                return FixedPointError.TooManyFractionDigits;
        }
        return FixedPointError.None;
    }

    /// <summary>Appends the digits at <c>s[i..]</c> to <paramref name="acc"/> (wrapping past 19 digits, which the caller
    /// detects by counting) and returns the index of the first non-digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AccumulateDigits(ReadOnlySpan<byte> s, int i, ref ulong acc)
    {
        // Eight digits at a time (SWAR): long fractions such as OKX's 16-decimal rates are common.
        while (s.Length - i >= 8)
        {
            ulong v = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(i, 8));
            // Each byte is '0'..'9' iff its high nibble is 3 and adding 6 keeps it 3. A byte that carries out of the
            // +6 fails the first test itself, so the carry cannot make a neighbour pass.
            if (((v & 0xF0F0F0F0F0F0F0F0UL) | (((v + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
                break;
            v -= 0x3030303030303030UL;
            v = v * 10 + (v >> 8); // adjacent pairs, first digit most significant (little-endian load)
            v = ((v & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32))
                + ((v >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32))) >> 32;
            acc = unchecked(acc * 100_000_000 + (uint)v);
            i += 8;
        }
        uint d;
        while ((uint)i < (uint)s.Length && (d = (uint)(s[i] - '0')) <= 9)
        {
            acc = unchecked(acc * 10 + d);
            i++;
        }
        return i;
    }

    private static uint DigitAt(ReadOnlySpan<byte> s, int k, int intStart, int intLength, int fracStart) =>
        (uint)((k < intLength ? s[intStart + k] : s[fracStart + k - intLength]) - '0');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidateScale(int scale)
    {
        if ((uint)scale > MaxScale)
            ThrowScale(scale);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowScale(int scale) =>
        throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be in 0..18.");
}
