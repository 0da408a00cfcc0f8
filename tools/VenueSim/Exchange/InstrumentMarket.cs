using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Capture;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Exchange;

/// <summary>The live state of one instrument on one venue: where its scenario path stands, its book, its funding
/// schedule and the settlements made so far.</summary>
public sealed class InstrumentMarket(InstrumentSpec spec, MarketPath path, SimulatedBook book)
{
    public InstrumentSpec Spec { get; } = spec;
    public MarketPath Path { get; } = path;
    public SimulatedBook Book { get; } = book;
    public MarketPoint Point { get; set; }
    /// <summary>The settlement the current rate will be paid at.</summary>
    public DateTimeOffset NextSettlement { get; set; }
    public List<FundingRecord> FundingHistory { get; } = [];

    /// <summary>The captured book this instrument replays instead of drawing one from the scenario's shape (null: drawn).</summary>
    public CapturedBook? CapturedBook { get; init; }

    /// <summary>How far <see cref="CapturedBook"/> has been played.</summary>
    public int CapturedBookNext { get; set; }

    /// <summary>Brings the book to <paramref name="at"/>: the captured book up to that offset, or the scenario's shape
    /// redrawn around the mark.</summary>
    public void MoveBook(TimeSpan sinceStart, Random random, DateTimeOffset at)
    {
        if (CapturedBook is { } captured) CapturedBookNext = captured.PlayUpTo(CapturedBookNext, sinceStart, Book, at);
        else Book.Regenerate(Point.Mark, Point.Book, random, at);
    }

    public string Symbol => Spec.Symbol;

    /// <summary>The first settlement strictly after <paramref name="time"/>: settlements fall on whole multiples of the
    /// interval since the Unix epoch (00:00, 08:00, 16:00 UTC for 8 h), as on the venues.</summary>
    public static DateTimeOffset SettlementAfter(DateTimeOffset time, TimeSpan interval)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        var next = (ticks / interval.Ticks + 1) * interval.Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(next);
    }
}
