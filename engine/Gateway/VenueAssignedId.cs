using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FundingArb.Gateway;

/// <summary>An id the venue assigned — an order id or a trade id — held inline as the ASCII text the venue sends:
/// Binance sends integers, Bybit UUIDs (36 characters), OKX numeric strings. Up to 48 bytes; 0 length means none.</summary>
public readonly struct VenueAssignedId : IEquatable<VenueAssignedId>
{
    public const int MaxLength = 48;

    private readonly Bytes _bytes;
    private readonly byte _length;

    private VenueAssignedId(in Bytes bytes, int length)
    {
        _bytes = bytes;
        _length = (byte)length;
    }

    public bool IsEmpty => _length == 0;

    [UnscopedRef]
    public ReadOnlySpan<byte> Utf8 => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>False when <paramref name="ascii"/> is empty or longer than <see cref="MaxLength"/>.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> ascii, out VenueAssignedId id)
    {
        if (ascii.Length is 0 or > MaxLength)
        {
            id = default;
            return false;
        }
        Bytes bytes = default;
        ascii.CopyTo(bytes);
        id = new VenueAssignedId(bytes, ascii.Length);
        return true;
    }

    /// <summary>A venue's integer id (Binance orderId, tradeId) as its decimal text.</summary>
    public static VenueAssignedId FromInteger(long value)
    {
        Bytes bytes = default;
        value.TryFormat(bytes, out var written);
        return new VenueAssignedId(bytes, written);
    }

    /// <summary>The id as an integer, when it is one (Binance).</summary>
    public bool TryGetInteger(out long value) =>
        System.Buffers.Text.Utf8Parser.TryParse(Utf8, out value, out var used) && used == _length && _length > 0;

    public bool Equals(VenueAssignedId other) => Utf8.SequenceEqual(other.Utf8);
    public override bool Equals(object? obj) => obj is VenueAssignedId other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8);
        return hash.ToHashCode();
    }

    public static bool operator ==(VenueAssignedId left, VenueAssignedId right) => left.Equals(right);
    public static bool operator !=(VenueAssignedId left, VenueAssignedId right) => !left.Equals(right);

    public override string ToString() => Encoding.ASCII.GetString(Utf8);

    [InlineArray(MaxLength)]
    private struct Bytes
    {
        private byte _first;
    }
}
