using System.Diagnostics.CodeAnalysis;

namespace FundingArb.Market;

/// <summary>The book part of a <see cref="MarketEvent"/>: levels inline, plus the venue's sequence fields.</summary>
/// <remarks>Sequence fields are stored under neutral names; each venue's parser documents which of its wire
/// fields it puts where (Binance U/u/pu, Bybit u/seq, OKX seqId/prevSeqId/checksum).</remarks>
public struct BookUpdate
{
    /// <summary>First update id covered by this event (Binance <c>U</c>); 0 where the venue has none.</summary>
    public long FirstUpdateId;
    /// <summary>Last update id covered by this event (Binance <c>u</c>, Bybit <c>u</c>, OKX <c>seqId</c>).</summary>
    public long UpdateId;
    /// <summary>The update id the previous event must have ended at (Binance <c>pu</c>, OKX <c>prevSeqId</c>).</summary>
    public long PrevUpdateId;
    /// <summary>A venue-wide sequence for cross-stream ordering (Bybit <c>seq</c>).</summary>
    public long CrossSequence;
    /// <summary>CRC32 of the book as the venue computes it (OKX <c>checksum</c>); 0 when not sent.</summary>
    public int Checksum;
    /// <summary>The same CRC32 computed by the parser from the frame's own text, where the venue's rule allows it
    /// (OKX snapshots); the venue's book sync compares the two.</summary>
    public int ComputedChecksum;
    /// <summary>Index of this part when one frame's levels span several slots; 0 for the first.</summary>
    public ushort Part;
    /// <summary>More parts of the same frame follow; the book is not consistent until the last part is applied.</summary>
    public bool More;
    public byte BidCount;
    public byte AskCount;
    public BookLevels Bids;
    public BookLevels Asks;

    [UnscopedRef] public readonly ReadOnlySpan<BookLevel> BidLevels => ((ReadOnlySpan<BookLevel>)Bids)[..BidCount];
    [UnscopedRef] public readonly ReadOnlySpan<BookLevel> AskLevels => ((ReadOnlySpan<BookLevel>)Asks)[..AskCount];

    /// <summary>True when <paramref name="next"/> is the following part of the same book event as <paramref name="part"/>:
    /// the one rule for grouping parts, wherever slots are read.</summary>
    public static bool Continues(in BookUpdate part, in BookUpdate next) => part.More && next.Part == part.Part + 1;

    /// <summary>Appends a level on the given side; false when that side of this part is full.</summary>
    public bool TryAdd(BookSideKind side, Price price, Quantity quantity)
    {
        if (side == BookSideKind.Bid)
        {
            if (BidCount == BookLevels.Capacity) return false;
            Bids[BidCount++] = new BookLevel(price, quantity);
        }
        else
        {
            if (AskCount == BookLevels.Capacity) return false;
            Asks[AskCount++] = new BookLevel(price, quantity);
        }
        return true;
    }
}
