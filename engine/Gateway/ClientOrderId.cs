using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FundingArb.Gateway;

/// <summary>The client order id the gateway gives every order, held inline (no string): 1 to 32 ASCII letters and
/// digits. That is the intersection of what the venues accept — OKX <c>clOrdId</c> 1–32 alphanumerics, Bybit
/// <c>orderLinkId</c> up to 36 characters, Binance <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c> — so one id works everywhere.</summary>
/// <remarks><see cref="ForLeg"/> encodes position id, leg and attempt (<c>FA&lt;position&gt;L&lt;leg&gt;A&lt;attempt&gt;</c>,
/// at most 27 characters), so orders can be matched to positions after a restart (SPEC defect 5).</remarks>
public readonly struct ClientOrderId : IEquatable<ClientOrderId>, IUtf8SpanFormattable
{
    public const int MaxLength = 32;
    public const int MaxLeg = 9;
    public const int MaxAttempt = 999;

    private readonly Bytes _bytes;
    private readonly byte _length;

    private ClientOrderId(in Bytes bytes, int length)
    {
        _bytes = bytes;
        _length = (byte)length;
    }

    public int Length => _length;
    public bool IsEmpty => _length == 0;

    /// <summary>The id's ASCII bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Utf8 => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>True when <paramref name="ascii"/> is 1–32 ASCII letters and digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length is 0 or > MaxLength) return false;
        foreach (var b in ascii)
            if (!char.IsAsciiLetterOrDigit((char)b)) return false;
        return true;
    }

    public static bool TryCreate(ReadOnlySpan<byte> ascii, out ClientOrderId id)
    {
        if (!IsValid(ascii))
        {
            id = default;
            return false;
        }
        Bytes bytes = default;
        ascii.CopyTo(bytes);
        id = new ClientOrderId(bytes, ascii.Length);
        return true;
    }

    /// <summary>For config and tests; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static ClientOrderId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Ascii.IsValid(text) || !TryCreate(Encoding.ASCII.GetBytes(text), out var id))
            throw new ArgumentException($"A client order id is 1 to {MaxLength} ASCII letters and digits; got {text.Length} characters.", nameof(text));
        return id;
    }

    /// <summary>The id of one order of a position's leg: <c>FA&lt;positionId&gt;L&lt;leg&gt;A&lt;attempt&gt;</c>, decimal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative or too large.</exception>
    public static ClientOrderId ForLeg(long positionId, int leg, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positionId);
        ArgumentOutOfRangeException.ThrowIfNegative(leg);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leg, MaxLeg);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, MaxAttempt);
        Bytes bytes = default;
        Span<byte> span = bytes;
        "FA"u8.CopyTo(span);
        var at = 2;
        positionId.TryFormat(span[at..], out var written);
        at += written;
        span[at++] = (byte)'L';
        span[at++] = (byte)('0' + leg);
        span[at++] = (byte)'A';
        attempt.TryFormat(span[at..], out written);
        return new ClientOrderId(bytes, at + written);
    }

    /// <summary>Reads back what <see cref="ForLeg"/> wrote; false for ids it did not write.</summary>
    public bool TryGetLeg(out long positionId, out int leg, out int attempt)
    {
        positionId = leg = attempt = 0;
        var span = Utf8;
        if (span.Length < 7 || span[0] != 'F' || span[1] != 'A') return false;
        var l = span.IndexOf((byte)'L');
        if (l < 3 || l + 3 >= span.Length || span[l + 2] != 'A') return false;
        if (!System.Buffers.Text.Utf8Parser.TryParse(span[2..l], out positionId, out var used) || used != l - 2) return false;
        if (!char.IsAsciiDigit((char)span[l + 1])) return false;
        leg = span[l + 1] - '0';
        var rest = span[(l + 3)..];
        return System.Buffers.Text.Utf8Parser.TryParse(rest, out attempt, out used) && used == rest.Length && attempt <= MaxAttempt;
    }

    public bool Equals(ClientOrderId other) => Utf8.SequenceEqual(other.Utf8);
    public override bool Equals(object? obj) => obj is ClientOrderId other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8);
        return hash.ToHashCode();
    }

    public static bool operator ==(ClientOrderId left, ClientOrderId right) => left.Equals(right);
    public static bool operator !=(ClientOrderId left, ClientOrderId right) => !left.Equals(right);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        bytesWritten = 0;
        if (!Utf8.TryCopyTo(utf8Destination)) return false;
        bytesWritten = _length;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
    public override string ToString() => Encoding.ASCII.GetString(Utf8);

    [InlineArray(MaxLength)]
    private struct Bytes
    {
        private byte _first;
    }
}
