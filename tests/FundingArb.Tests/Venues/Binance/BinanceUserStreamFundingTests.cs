using System.Globalization;
using System.Text;
using FundingArb.Feeds;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The user stream's funding path without a socket: pushes and income reads meet in the ledger, so a payment
/// reaches the ring once whichever comes first; the push path allocates nothing.</summary>
public sealed class BinanceUserStreamFundingTests
{
    private const long Settlement = 1_767_600_000_000; // 2026-01-05 08:00 UTC

    private readonly BinanceTestVenue _venue = new();
    private readonly RingBuffer<ExecutionUpdate> _ring = RingBuffer<ExecutionUpdate>.CreateSingleProducer(1024);
    private readonly BinanceUserStream _stream;

    public BinanceUserStreamFundingTests() =>
        _stream = new BinanceUserStream(new Uri("ws://127.0.0.1/"), null!, new BinanceUserStreamParser(_venue.Venue, _venue.Registry), _ring);

    /// <summary>A cross-margin FUNDING_FEE push as the docs show it (no position, no id).</summary>
    private static string Push(long time, string change, string wallet) =>
        $$$"""{"e":"ACCOUNT_UPDATE","E":{{{time + 1}}},"T":{{{time}}},"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"{{{wallet}}}","cw":"{{{wallet}}}","bc":"{{{change}}}"}],"P":[]}}""";

    private ExecutionUpdate IncomeRecord(long tranId, string amount, long time, InstrumentId instrument)
    {
        var payment = new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.FundingPayment, Venue = _venue.Venue, Instrument = instrument, TradeId = VenueAssignedId.FromInteger(tranId),
            Amount = Quantity.Parse(amount), UpdateTimeMs = time, EventTimeMs = time,
        };
        Assert.True(AssetCode.TryCreate("USDT"u8, out payment.Asset));
        return payment;
    }

    private List<ExecutionUpdate> Payments()
    {
        var list = new List<ExecutionUpdate>();
        for (long s = 0; s <= _ring.Cursor; s++)
            if (_ring[s].Kind == ExecutionUpdateKind.FundingPayment) list.Add(_ring[s]);
        return list;
    }

    private void Feed(string frame) => _stream.OnMessage(Encoding.UTF8.GetBytes(frame), 1);

    [Fact]
    public void A_push_arriving_after_the_income_read_published_its_payment_is_dropped()
    {
        Assert.Equal(1, _stream.PublishIncome([IncomeRecord(9689322392, "-0.027", Settlement, _venue.Btc)]));
        Feed(Push(Settlement, "-0.02700000", "99999.97300000")); // the same payment, pushed late on the new connection
        var payment = Assert.Single(Payments());
        Assert.Equal(_venue.Btc, payment.Instrument);
        Assert.Equal(1, _stream.Duplicates);
        Assert.Equal(1, _stream.Counters[FrameIssue.Duplicate]);
    }

    [Fact]
    public void An_income_read_publishes_only_what_the_pushes_did_not_deliver()
    {
        Feed(Push(Settlement, "-0.054", "99999.946"));
        Feed(Push(Settlement, "-0.054", "99999.946")); // a repeat of the same push: still one payment
        Feed(Push(Settlement + 4 * 3_600_000, "0.01", "99999.956"));
        Assert.Equal(2, Payments().Count);

        // The read finds the two payments of 08:00 (the pushed one and its twin from another symbol) and the one of 12:00.
        var published = _stream.PublishIncome([
            IncomeRecord(1, "-0.054", Settlement, _venue.Btc),
            IncomeRecord(2, "-0.054", Settlement, _venue.Eth),
            IncomeRecord(3, "0.01", Settlement + 4 * 3_600_000, _venue.Btc),
        ]);

        Assert.Equal(1, published);
        Assert.Equal(3, Payments().Count);
        Assert.Equal(2, Payments().Count(p => p.Amount == Quantity.Parse("-0.054")));
        Assert.Equal(0, _stream.PublishIncome([IncomeRecord(2, "-0.054", Settlement, _venue.Eth)])); // the next, overlapping read
    }

    [Fact]
    public void Funding_pushes_reach_the_ring_without_allocating()
    {
        // Distinct payments (time, amount and balance differ), encoded before the measurement: warm-up and three rounds.
        const int perRound = 2_000;
        var frames = new byte[4 * perRound][];
        for (var i = 0; i < frames.Length; i++)
            frames[i] = Encoding.UTF8.GetBytes(Push(Settlement + i * 3_600_000L, "-0." + (1000 + i).ToString(CultureInfo.InvariantCulture),
                (100_000 - i).ToString(CultureInfo.InvariantCulture)));
        var next = 0;
        var bytes = SteadyStateAllocation.BytesPerRound(() => _stream.OnMessage(frames[next++], 1), perRound);
        Assert.Equal(0, bytes);
        Assert.Equal(2L * frames.Length, _ring.Cursor + 1); // each push published: its balance and its payment
    }
}
