using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Capture;

/// <summary>One instrument as a capture shows it: trading rules from metadata (when captured), the mark, index and
/// funding rate over time, and its book over time. Turned into a scenario instrument whose path steps exactly where
/// the capture's values changed, and whose book is the captured one.</summary>
public sealed class CapturedInstrument(VenueKind venue, string symbol)
{
    /// <summary>Offsets are written to the scenario path in whole milliseconds.</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    private readonly List<(TimeSpan At, decimal Mark, decimal Index, decimal Rate)> _points = [];
    private readonly SortedDictionary<decimal, decimal> _bids = [];
    private readonly SortedDictionary<decimal, decimal> _asks = [];
    private decimal? _mark, _index, _rate;
    private int _priceDecimals, _quantityDecimals;

    public VenueKind Venue { get; } = venue;
    public string Symbol { get; } = symbol;

    // Trading rules, when the capture holds the venue's metadata answer; otherwise inferred from the data.
    public string? BaseAsset { get; set; }
    public string? QuoteAsset { get; set; }
    public decimal? TickSize { get; set; }
    public decimal? StepSize { get; set; }
    public decimal? MinQty { get; set; }
    public decimal? MaxQty { get; set; }
    public decimal? MinNotional { get; set; }
    public decimal? ContractSize { get; set; }
    public int? FundingIntervalHours { get; set; }
    public decimal? FundingRateCap { get; set; }
    public decimal? FundingRateFloor { get; set; }

    public CapturedBook Book { get; } = new();

    public bool HasMarketData => _points.Count > 0 || Book.Count > 0;

    /// <summary>Mark, index and/or funding rate as observed at <paramref name="at"/> (null: not in this frame).
    /// Until a mark is seen the book's mid stands in for it, and the index defaults to the mark.</summary>
    public void Observe(TimeSpan at, decimal? mark = null, decimal? index = null, decimal? rate = null)
    {
        if (mark > 0) _mark = mark;
        if (index > 0) _index = index;
        if (rate is not null) _rate = rate;
        Record(at);
    }

    /// <summary>The whole book as of <paramref name="at"/> (a snapshot, or a partial-depth frame).</summary>
    public void ResetBook(TimeSpan at, IEnumerable<(decimal Price, decimal Quantity)> bids, IEnumerable<(decimal Price, decimal Quantity)> asks)
    {
        _bids.Clear();
        _asks.Clear();
        var levels = new List<LevelChange>();
        foreach (var (price, quantity) in bids) Apply(BookSide.Bid, price, quantity, levels);
        foreach (var (price, quantity) in asks) Apply(BookSide.Ask, price, quantity, levels);
        Book.Add(new CapturedBook.Entry(at, Reset: true, [.. levels]));
        Record(at);
    }

    /// <summary>Level changes (absolute quantities, 0 removes) as of <paramref name="at"/>.</summary>
    public void ChangeBook(TimeSpan at, IEnumerable<(decimal Price, decimal Quantity)> bids, IEnumerable<(decimal Price, decimal Quantity)> asks)
    {
        var changes = new List<LevelChange>();
        foreach (var (price, quantity) in bids) Apply(BookSide.Bid, price, quantity, changes);
        foreach (var (price, quantity) in asks) Apply(BookSide.Ask, price, quantity, changes);
        if (changes.Count == 0) return;
        Book.Add(new CapturedBook.Entry(at, Reset: false, [.. changes]));
        Record(at);
    }

    private void Apply(BookSide side, decimal price, decimal quantity, List<LevelChange> changes)
    {
        var levels = side == BookSide.Bid ? _bids : _asks;
        if (quantity == 0) levels.Remove(price);
        else levels[price] = quantity;
        _priceDecimals = Math.Max(_priceDecimals, InstrumentSpec.DecimalPlaces(price));
        if (quantity > 0) _quantityDecimals = Math.Max(_quantityDecimals, InstrumentSpec.DecimalPlaces(quantity));
        changes.Add(new LevelChange(side, price, quantity));
    }

    private decimal? Mid => _bids.Count > 0 && _asks.Count > 0 ? (_bids.Keys.Max() + _asks.Keys.Min()) / 2 : null;

    /// <summary>Adds a path point when the values in force changed. The point before a change is repeated just before
    /// it, so the scenario's linear interpolation holds each captured value until the capture changed it.</summary>
    private void Record(TimeSpan at)
    {
        if (_rate is not { } rate || (_mark ?? Mid) is not { } mark) return;
        var index = _index ?? mark;
        at = TimeSpan.FromTicks(at.Ticks - at.Ticks % Resolution.Ticks);
        if (_points.Count > 0)
        {
            var last = _points[^1];
            if (last.Mark == mark && last.Index == index && last.Rate == rate) return;
            if (last.At == at)
            {
                _points[^1] = (at, mark, index, rate);
                return;
            }
            if (at - Resolution > last.At) _points.Add((at - Resolution, last.Mark, last.Index, last.Rate));
        }
        _points.Add((at, mark, index, rate));
    }

    /// <summary>The scenario instrument, or null with <paramref name="whyNot"/> when the capture cannot drive it (no
    /// funding rate, or no price at all).</summary>
    public InstrumentDocument? ToDocument(out string? whyNot)
    {
        if (_points.Count == 0)
        {
            whyNot = _rate is null ? "no funding rate in the capture" : "no mark price and no two-sided book in the capture";
            return null;
        }
        whyNot = null;
        var tick = TickSize ?? Power10(_priceDecimals);
        var step = StepSize ?? Power10(_quantityDecimals);
        var path = new List<KeyframeDocument>(_points.Count);
        foreach (var (at, mark, index, rate) in _points)
            path.Add(new KeyframeDocument
            {
                // The first point opens the timeline: before it the instrument already stood where first seen.
                At = path.Count == 0 ? "0s" : $"{(long)at.TotalMilliseconds}ms",
                Mark = mark,
                Index = index,
                Rate = rate,
            });
        return new InstrumentDocument
        {
            Venue = VenueNames.Of(Venue),
            Symbol = Symbol,
            Base = BaseAsset ?? Symbol,
            Quote = QuoteAsset,
            TickSize = tick,
            StepSize = step,
            MinQty = MinQty ?? step,
            MaxQty = MaxQty,
            MinNotional = MinNotional,
            ContractSize = ContractSize,
            FundingIntervalHours = FundingIntervalHours,
            FundingRateCap = FundingRateCap,
            FundingRateFloor = FundingRateFloor,
            // The shape is never drawn: the captured book replaces it (SimulatedExchange).
            Book = new BookDocument { Levels = 1, Size = step },
            Path = path,
        };
    }

    private static decimal Power10(int decimals)
    {
        var value = 1m;
        for (var i = 0; i < decimals; i++) value /= 10;
        return value;
    }
}
