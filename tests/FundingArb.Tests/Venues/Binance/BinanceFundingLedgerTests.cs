using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>The funding ledger matches a payment pushed on the user stream with its income record, and publishes each
/// payment once whichever source reports it first, equal payments settled together included.</summary>
public sealed class BinanceFundingLedgerTests
{
    private static readonly long Settlement = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static ExecutionUpdate Payment(string amount, long timeMs, string asset = "USDT")
    {
        var update = new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.FundingPayment, Venue = new VenueId(1), Amount = Quantity.Parse(amount), UpdateTimeMs = timeMs,
        };
        Assert.True(AssetCode.TryCreate(System.Text.Encoding.ASCII.GetBytes(asset), out update.Asset));
        return update;
    }

    [Fact]
    public void The_push_and_the_income_record_of_a_payment_share_a_key_whatever_else_they_carry()
    {
        // The push: no id, no symbol (cross margin), event time and the balance after it.
        var pushed = Payment("-0.027", Settlement + 3);
        pushed.EventTimeMs = Settlement + 5;
        pushed.WalletBalance = Quantity.Parse("99999.973");
        // The income record: tranId, symbol, its own time.
        var read = Payment("-0.02700000", Settlement);
        read.TradeId = VenueAssignedId.FromInteger(9689322392);
        read.Instrument = new InstrumentId(1);
        read.EventTimeMs = Settlement;
        Assert.Equal(BinanceFundingLedger.Key(pushed), BinanceFundingLedger.Key(read));
        Assert.Equal(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("-0.027", Settlement + 29_999)));
        Assert.Equal(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("-0.027", Settlement - 30_000)));

        Assert.NotEqual(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("-0.027", Settlement + 30_000))); // the next minute
        Assert.NotEqual(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("-0.02700001", Settlement)));
        Assert.NotEqual(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("0.027", Settlement)));
        Assert.NotEqual(BinanceFundingLedger.Key(read), BinanceFundingLedger.Key(Payment("-0.027", Settlement, "USDC")));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(29_999L)]
    [InlineData(30_000L)]
    [InlineData(-1L)]
    public void A_read_window_starts_where_the_slot_of_its_start_begins(long offsetMs)
    {
        var time = Settlement + offsetMs;
        var start = BinanceFundingLedger.WindowStart(time);
        Assert.True(start <= time);
        Assert.Equal(BinanceFundingLedger.Slot(time), BinanceFundingLedger.Slot(start));
        Assert.Equal(BinanceFundingLedger.Slot(time) - 1, BinanceFundingLedger.Slot(start - 1)); // the slot before is left out whole
    }

    [Fact]
    public void A_payment_is_published_once_whichever_source_reports_it_first()
    {
        var ledger = new BinanceFundingLedger();
        var key = BinanceFundingLedger.Key(Payment("-0.027", Settlement));
        Assert.True(ledger.AdmitFromStream(key));
        Assert.Equal(0, ledger.AdmitFromIncome(key, 1)); // the backfill after a later drop
        Assert.Equal(0, ledger.AdmitFromIncome(key, 1)); // and the next one, overlapping it

        var later = BinanceFundingLedger.Key(Payment("-0.027", Settlement + 8 * 3_600_000));
        Assert.Equal(1, ledger.AdmitFromIncome(later, 1)); // lost with the stream: the read publishes it …
        Assert.False(ledger.AdmitFromStream(later)); // … and the push, come late on the new connection, is not published again
    }

    [Fact]
    public void Equal_payments_settled_together_are_counted_not_merged()
    {
        var ledger = new BinanceFundingLedger();
        var key = BinanceFundingLedger.Key(Payment("-0.054", Settlement)); // e.g. BTC long and ETH short, same amount

        Assert.True(ledger.AdmitFromStream(key)); // the stream delivered one before it dropped
        Assert.Equal(1, ledger.AdmitFromIncome(key, 2)); // the read finds both: the other one is published
        Assert.Equal(0, ledger.AdmitFromIncome(key, 2));
        Assert.False(ledger.AdmitFromStream(key)); // a late push of the second is not published again
        Assert.True(ledger.AdmitFromStream(key)); // a third such payment is news

        var other = BinanceFundingLedger.Key(Payment("-0.054", Settlement + 4 * 3_600_000));
        Assert.Equal(2, ledger.AdmitFromIncome(other, 2)); // both lost: both published
        Assert.False(ledger.AdmitFromStream(other));
        Assert.False(ledger.AdmitFromStream(other));
        Assert.True(ledger.AdmitFromStream(other));
    }
}
