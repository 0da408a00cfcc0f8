using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>Funding payments: one a venue names (Bybit execId, OKX billId) is the same payment in whatever frame it comes
/// again; two the venue names apart are two payments, however alike.</summary>
public class ExecutionDeduplicatorTests
{
    private static ExecutionUpdate Funding(string? id, long eventTimeMs, string amount = "-0.27")
    {
        var update = new ExecutionUpdate
        {
            Kind = ExecutionUpdateKind.FundingPayment,
            Amount = Quantity.Parse(amount),
            UpdateTimeMs = 1_767_600_000_000,
            EventTimeMs = eventTimeMs,
        };
        Assert.True(AssetCode.TryCreate("USDT"u8, out update.Asset));
        if (id is not null) Assert.True(VenueAssignedId.TryCreate(System.Text.Encoding.ASCII.GetBytes(id), out update.TradeId));
        return update;
    }

    [Fact]
    public void A_named_payment_redelivered_in_another_frame_counts_once()
    {
        var dedupe = new ExecutionDeduplicator();
        Assert.True(dedupe.Accept(Funding("c2d1a9e0-exec-1", eventTimeMs: 1_767_600_000_100)));
        Assert.False(dedupe.Accept(Funding("c2d1a9e0-exec-1", eventTimeMs: 1_767_600_003_500))); // another frame's creationTime
        Assert.Equal(1, dedupe.Duplicates);
    }

    [Fact]
    public void Two_named_payments_alike_in_time_and_amount_both_count()
    {
        var dedupe = new ExecutionDeduplicator();
        Assert.True(dedupe.Accept(Funding("exec-1", eventTimeMs: 1_767_600_000_100)));
        Assert.True(dedupe.Accept(Funding("exec-2", eventTimeMs: 1_767_600_000_100)));
        Assert.Equal(0, dedupe.Duplicates);
    }

    [Fact]
    public void Unnamed_payments_are_told_apart_by_event_time()
    {
        var dedupe = new ExecutionDeduplicator();
        Assert.True(dedupe.Accept(Funding(null, eventTimeMs: 1_767_600_000_100)));
        Assert.False(dedupe.Accept(Funding(null, eventTimeMs: 1_767_600_000_100)));
        Assert.True(dedupe.Accept(Funding(null, eventTimeMs: 1_767_600_000_200)));
    }
}
