using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FundingArb.Gateway;

/// <summary>An asset code (USDT, BNB, …) held inline: up to 15 ASCII bytes.</summary>
public readonly struct AssetCode : IEquatable<AssetCode>
{
    public const int MaxLength = 15;

    private readonly Bytes _bytes;
    private readonly byte _length;

    private AssetCode(in Bytes bytes, int length)
    {
        _bytes = bytes;
        _length = (byte)length;
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Utf8 => ((ReadOnlySpan<byte>)_bytes)[.._length];

    public static bool TryCreate(ReadOnlySpan<byte> ascii, out AssetCode code)
    {
        code = default;
        if (ascii.Length is 0 or > MaxLength) return false;
        Bytes bytes = default;
        ascii.CopyTo(bytes);
        code = new AssetCode(bytes, ascii.Length);
        return true;
    }

    public bool Equals(AssetCode other) => Utf8.SequenceEqual(other.Utf8);
    public override bool Equals(object? obj) => obj is AssetCode other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8);
        return hash.ToHashCode();
    }

    public static bool operator ==(AssetCode left, AssetCode right) => left.Equals(right);
    public static bool operator !=(AssetCode left, AssetCode right) => !left.Equals(right);

    public override string ToString() => Encoding.ASCII.GetString(Utf8);

    [InlineArray(MaxLength)]
    private struct Bytes
    {
        private byte _first;
    }
}
