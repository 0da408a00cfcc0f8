using FundingArb.Market;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>Asserts every field of a parsed event.</summary>
internal static class OkxEventAssert
{
    public static void Funding(in MarketEvent e, VenueId venue, InstrumentId instrument, long exchangeTimeMs,
        FundingFields fields, string? mark = null, string? index = null, string? rate = null, long nextFundingTimeMs = 0,
        byte intervalHours = 0)
    {
        Assert.Equal(MarketEventKind.Funding, e.Kind);
        Assert.Equal(venue, e.Venue);
        Assert.Equal(instrument, e.Instrument);
        Assert.Equal(exchangeTimeMs, e.ExchangeTimeMs);
        Assert.Equal(OkxTestVenue.ReceivedTs, e.ReceivedTimestamp);
        Assert.Equal(fields, e.Funding.Fields);
        Assert.Equal(mark is null ? Price.Zero : Price.Parse(mark), e.Funding.MarkPrice);
        Assert.Equal(index is null ? Price.Zero : Price.Parse(index), e.Funding.IndexPrice);
        Assert.Equal(rate is null ? default : FundingRate.Parse(rate), e.Funding.Rate);
        Assert.Equal(nextFundingTimeMs, e.Funding.NextFundingTimeMs);
        Assert.Equal(intervalHours, e.Funding.IntervalHours);
        NoBook(e);
    }

    public static void Book(in MarketEvent e, MarketEventKind kind, VenueId venue, InstrumentId instrument,
        long exchangeTimeMs, long seqId, long prevSeqId, int checksum, string[][] bids, string[][] asks,
        int computedChecksum = 0, ushort part = 0, bool more = false)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal(venue, e.Venue);
        Assert.Equal(instrument, e.Instrument);
        Assert.Equal(exchangeTimeMs, e.ExchangeTimeMs);
        Assert.Equal(OkxTestVenue.ReceivedTs, e.ReceivedTimestamp);
        Assert.Equal(default, e.Funding);
        Assert.Equal(0, e.Book.FirstUpdateId);
        Assert.Equal(computedChecksum, e.Book.ComputedChecksum);
        Assert.Equal(seqId, e.Book.UpdateId);
        Assert.Equal(prevSeqId, e.Book.PrevUpdateId);
        Assert.Equal(0, e.Book.CrossSequence);
        Assert.Equal(checksum, e.Book.Checksum);
        Assert.Equal(part, e.Book.Part);
        Assert.Equal(more, e.Book.More);
        Levels(bids, e.Book.BidLevels);
        Levels(asks, e.Book.AskLevels);
    }

    public static void Levels(string[][] expected, ReadOnlySpan<BookLevel> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Price.Parse(expected[i][0]), actual[i].Price);
            Assert.Equal(Quantity.Parse(expected[i][1]), actual[i].Quantity);
        }
    }

    private static void NoBook(in MarketEvent e)
    {
        Assert.Equal(0, e.Book.FirstUpdateId);
        Assert.Equal(0, e.Book.UpdateId);
        Assert.Equal(0, e.Book.PrevUpdateId);
        Assert.Equal(0, e.Book.CrossSequence);
        Assert.Equal(0, e.Book.Checksum);
        Assert.Equal(0, e.Book.Part);
        Assert.False(e.Book.More);
        Assert.Equal(0, e.Book.BidCount);
        Assert.Equal(0, e.Book.AskCount);
    }
}
