namespace FundingArb.Market;

/// <summary>Why <see cref="FixedPoint.TryParse(ReadOnlySpan{byte}, int, out long, out FixedPointError)"/> rejected its input.</summary>
/// <remarks>The first three are syntax errors; the last two mean well-formed text whose value the scale cannot hold.</remarks>
public enum FixedPointError
{
    None = 0,

    /// <summary>The input has no bytes.</summary>
    Empty,

    /// <summary>The input ends where digits are required: a lone sign, a lone <c>.</c>, or <c>e</c> with no exponent digits.</summary>
    MissingDigits,

    /// <summary>A byte outside the grammar, or in the wrong place (whitespace, a second <c>.</c>, <c>NaN</c>, <c>0x</c>, <c>,</c>).</summary>
    InvalidCharacter,

    /// <summary>The scaled magnitude does not fit in a <see cref="long"/>.</summary>
    Overflow,

    /// <summary>Inexact: a non-zero digit lies below 10^-scale. Trailing zeros there are fine.</summary>
    TooManyFractionDigits,
}
