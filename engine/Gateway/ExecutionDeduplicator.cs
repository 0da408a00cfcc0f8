using System.Buffers.Binary;
using System.IO.Hashing;

namespace FundingArb.Gateway;

/// <summary>Recognises duplicate and out-of-order private-stream updates, so that none is counted twice: a venue may
/// deliver an event twice or out of order (and an order's state arrives both in answers and on the stream). It does not
/// make up for gaps: what a venue sent while the stream was down is not resent (see
/// <see cref="ExecutionUpdateKind.StreamResynced"/>). Keys are remembered in fixed tables (the most recent
/// <c>capacity</c> of each kind); nothing is allocated per update.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A fill is new when its trade id and order (per venue and instrument) are: both of our orders in a self-trade
/// share the trade id, and each side is a fill. An older fill arriving late is still a fill.</item>
/// <item>An order-state update (accepted, canceled, expired, rejected) is new when it is further on than the last one
/// seen for the order: by update time, then by status (New &lt; PartiallyFilled &lt; Filled &lt; Canceled …), so a NEW
/// arriving after the order's fill is stale.</item>
/// <item>Positions and balances are absolute: one older than the last seen is stale; one as old is harmless and kept.</item>
/// <item>A funding payment is a duplicate when the same instrument, asset, settlement time, event time, amount and
/// wallet balance after it were seen: two payments settled together for equal amounts (cross margin, two symbols) differ
/// in the balance each leaves.</item>
/// </list>
/// <para>A key is remembered among the most recent <c>capacity</c> of its kind (16 384 by default); a repeat arriving
/// after that many newer keys of its kind is not recognised. At a few hundred updates a minute that is far longer than any
/// venue delays a repeat.</para>
/// One receive loop owns it (not thread-safe).
/// </remarks>
public sealed class ExecutionDeduplicator(int capacity = 16_384)
{
    private readonly RecentKeys _trades = new(capacity);
    private readonly RecentKeys _orders = new(capacity);
    private readonly RecentKeys _absolutes = new(capacity);
    private readonly RecentKeys _funding = new(capacity);

    public long Duplicates { get; private set; }
    public long Stale { get; private set; }

    /// <summary>True if the update is new and should be delivered; false (counted) if it repeats or is overtaken.</summary>
    public bool Accept(in ExecutionUpdate update)
    {
        switch (update.Kind)
        {
            case ExecutionUpdateKind.Fill:
            {
                // The order's id joins the trade id: a self-trade is one trade id with a fill on each of two orders.
                var key = Key(1, update, update.TradeId.Utf8, update.VenueOrderId.IsEmpty ? update.ClientOrderId.Utf8 : update.VenueOrderId.Utf8,
                    (long)update.Side, 0, 0);
                if (_trades.TryGet(key, out _))
                {
                    Duplicates++;
                    return false;
                }
                _trades.Set(key, 1);
                var order = OrderKey(update);
                var progress = Progress(update);
                if (!_orders.TryGet(order, out var last) || progress > last) _orders.Set(order, progress);
                return true;
            }
            case ExecutionUpdateKind.Accepted or ExecutionUpdateKind.Canceled or ExecutionUpdateKind.Expired or ExecutionUpdateKind.Rejected:
            {
                var order = OrderKey(update);
                var progress = Progress(update);
                if (_orders.TryGet(order, out var last) && progress <= last)
                {
                    if (progress == last) Duplicates++;
                    else Stale++;
                    return false;
                }
                _orders.Set(order, progress);
                return true;
            }
            case ExecutionUpdateKind.Position or ExecutionUpdateKind.Balance:
            {
                var key = Key((byte)update.Kind, update, update.Asset.Utf8, default, 0, 0, 0);
                if (_absolutes.TryGet(key, out var last) && update.UpdateTimeMs < last)
                {
                    Stale++;
                    return false;
                }
                _absolutes.Set(key, update.UpdateTimeMs);
                return true;
            }
            case ExecutionUpdateKind.FundingPayment:
            {
                // A venue id for the payment (Bybit execId, OKX billId) identifies it whatever frame redelivers it; only
                // without one (Binance) do time, amount, event time and the balance after it stand in.
                var key = !update.TradeId.IsEmpty
                    ? Key(2, update, update.Asset.Utf8, update.TradeId.Utf8, 0, 0, 0)
                    : Key(2, update, update.Asset.Utf8, default, update.UpdateTimeMs, update.Amount.Raw,
                        update.EventTimeMs ^ (update.WalletBalance.Raw * unchecked((long)0x9E3779B97F4A7C15UL)));
                if (_funding.TryGet(key, out _))
                {
                    Duplicates++;
                    return false;
                }
                _funding.Set(key, 1);
                return true;
            }
            default:
                return true;
        }
    }

    private static ulong OrderKey(in ExecutionUpdate update) =>
        Key(3, update, update.ClientOrderId.IsEmpty ? update.VenueOrderId.Utf8 : update.ClientOrderId.Utf8, default, 0, 0, 0);

    // Update time first, then how far the order has got; update times are unix ms (< 2^44), leaving room below.
    private static long Progress(in ExecutionUpdate update) =>
        (update.UpdateTimeMs << 8) | (long)update.Status;

    private static ulong Key(byte tag, in ExecutionUpdate update, ReadOnlySpan<byte> id, ReadOnlySpan<byte> id2, long a, long b, long c)
    {
        const int fixedBytes = 4 + 24 + 2;
        Span<byte> buffer = stackalloc byte[fixedBytes + 2 * VenueAssignedId.MaxLength];
        buffer[0] = tag;
        buffer[1] = update.Venue.Value;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[2..], update.Instrument.Value);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[4..], a);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[12..], b);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[20..], c);
        var length = Math.Min(id.Length, VenueAssignedId.MaxLength);
        var length2 = Math.Min(id2.Length, VenueAssignedId.MaxLength);
        buffer[28] = (byte)length; // lengths keep ("ab", "c") and ("a", "bc") apart
        buffer[29] = (byte)length2;
        id[..length].CopyTo(buffer[fixedBytes..]);
        id2[..length2].CopyTo(buffer[(fixedBytes + length)..]);
        return XxHash64.HashToUInt64(buffer[..(fixedBytes + length + length2)]);
    }
}
