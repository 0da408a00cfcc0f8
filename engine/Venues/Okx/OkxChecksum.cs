using System.IO.Hashing;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>OKX's order-book checksum: CRC32 (as a signed 32-bit integer) of the check string built from the first
/// 25 bids and asks, alternating <c>bid price:bid size:ask price:ask size:…</c>, a side with fewer levels simply
/// ending early — computed over the price and size strings exactly as they were received.</summary>
/// <remarks>
/// <para>The current docs deprecate the field ("its value is fixed to <c>0</c> and must no longer be used for
/// integrity verification"); earlier revisions defined the rule above ("Use the first 25 bids and asks in the full
/// load to form a string (where a colon connects the price and size in an ask or a bid), and then calculate the CRC32
/// value (32-bit signed integer)"). A non-zero checksum is therefore verified where that can be done exactly: on a
/// <c>books</c> snapshot, whose frame is the whole book, from the frame's own bytes. Re-formatting fixed-point values
/// could not be exact (<c>"8476.10"</c> and <c>"8476.1"</c> parse alike but hash differently), so updates are not
/// verified downstream.</para>
/// <para>The parser records where the first 25 price and size strings of each side sit in the frame while it reads
/// them, and hashes those bytes once the item is complete, so the order of <c>bids</c> and <c>asks</c> in the JSON
/// does not matter. No allocation: one instance per parser, reused.</para>
/// </remarks>
public sealed class OkxChecksum
{
    /// <summary>Levels per side that enter the check string.</summary>
    public const int Depth = 25;

    private static ReadOnlySpan<byte> Colon => ":"u8;

    // Per level: price start, price length, size start, size length (offsets into the buffer being parsed).
    private readonly int[] _bids = new int[Depth * 4];
    private readonly int[] _asks = new int[Depth * 4];
    private readonly Crc32 _crc = new();
    private int _bidCount;
    private int _askCount;

    public int BidCount => _bidCount;
    public int AskCount => _askCount;

    /// <summary>The checksum of a whole check string, e.g. <c>"3366.1:7:3366.8:9:3366:6:3368:8"</c>.</summary>
    public static int OfCheckString(ReadOnlySpan<byte> checkString) => unchecked((int)Crc32.HashToUInt32(checkString));

    public void Clear()
    {
        _bidCount = 0;
        _askCount = 0;
    }

    /// <summary>Records where one level's price and size strings are in the buffer; levels beyond the 25th are ignored.</summary>
    public void Add(BookSideKind side, int priceStart, int priceLength, int sizeStart, int sizeLength)
    {
        int[] levels;
        int index;
        if (side == BookSideKind.Bid)
        {
            if (_bidCount == Depth) return;
            levels = _bids;
            index = _bidCount++;
        }
        else
        {
            if (_askCount == Depth) return;
            levels = _asks;
            index = _askCount++;
        }
        var at = index * 4;
        levels[at] = priceStart;
        levels[at + 1] = priceLength;
        levels[at + 2] = sizeStart;
        levels[at + 3] = sizeLength;
    }

    /// <summary>The checksum of the recorded levels, whose strings are in <paramref name="buffer"/>.</summary>
    public int Compute(ReadOnlySpan<byte> buffer)
    {
        _crc.Reset();
        var first = true;
        var levels = Math.Max(_bidCount, _askCount);
        for (var i = 0; i < levels; i++)
        {
            if (i < _bidCount) AppendLevel(buffer, _bids, i, ref first);
            if (i < _askCount) AppendLevel(buffer, _asks, i, ref first);
        }
        return unchecked((int)_crc.GetCurrentHashAsUInt32());
    }

    private void AppendLevel(ReadOnlySpan<byte> buffer, int[] levels, int index, ref bool first)
    {
        var at = index * 4;
        if (!first) _crc.Append(Colon);
        first = false;
        _crc.Append(buffer.Slice(levels[at], levels[at + 1]));
        _crc.Append(Colon);
        _crc.Append(buffer.Slice(levels[at + 2], levels[at + 3]));
    }
}
