using System.Buffers.Binary;
using System.IO.Hashing;
using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Decides which funding payments to publish when they come from two sources that name them differently: the
/// user stream's <c>ACCOUNT_UPDATE</c> (reason FUNDING_FEE: asset, balance change <c>bc</c>, transaction time <c>T</c>; no
/// id, and no symbol in cross margin) and the income history read after a gap (<c>GET /fapi/v1/income</c>: asset,
/// <c>income</c>, <c>time</c>, <c>symbol</c>, <c>tranId</c>). Each payment is published once: never twice, never lost.</summary>
/// <remarks>
/// <para>The key both sources share is the venue, the asset, the exact amount and the settlement slot: the time rounded to
/// the nearest minute (<see cref="SlotMs"/>). Rounding keeps the key equal should the stream's transaction time and the
/// income record's time differ by a few milliseconds or seconds; settlements of one symbol are at least an hour apart,
/// so a slot never holds two of them. It assumes a push carries one symbol's payment, as its income record does (the
/// docs show one balance change per event, VenueSim pushes one per symbol); a push summing several symbols would match
/// none of their records.</para>
/// <para>Two payments can still share a key: two symbols settled in the same minute for the same amount (the stream tells
/// them apart only by the wallet balance after each; the income history, only by symbol and tranId). So the ledger
/// counts per key instead of remembering a yes/no: how many payments the stream delivered (each already told apart from
/// the stream's own repeats by <see cref="ExecutionDeduplicator"/>) and how many were published. A stream payment is
/// published when the stream has now delivered more of its key than were published; an income read publishes as many
/// of a key's records as it holds beyond those published. Both sources see only real payments, so the published count
/// is the larger of the two counts: never more than were paid, and all of them once the income read covers the slot.
/// The read must therefore count a slot whole: its window starts on a slot boundary (<see cref="WindowStart"/>).</para>
/// <para>Keys are remembered among the most recent <c>capacity</c> (4 096 by default). A key is needed only while a
/// payment of it may still arrive from the other source: the minutes between a settlement and the stream's push, or the
/// backfill's overlap. Far fewer payments settle in that time.</para>
/// Not thread-safe: the user stream calls it under its publishing lock.
/// </remarks>
internal sealed class BinanceFundingLedger(int capacity = 4096)
{
    /// <summary>Payments whose times round to the same minute share a slot.</summary>
    public const long SlotMs = 60_000;

    private readonly RecentKeys _counts = new(capacity); // value: streamed << 32 | published

    /// <summary>The key of a funding payment, from the fields both sources carry.</summary>
    public static ulong Key(in ExecutionUpdate payment)
    {
        Span<byte> buffer = stackalloc byte[1 + 8 + 8 + AssetCode.MaxLength];
        buffer[0] = payment.Venue.Value;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[1..], payment.Amount.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[9..], Slot(payment.UpdateTimeMs));
        var asset = payment.Asset.Utf8;
        asset.CopyTo(buffer[17..]);
        return XxHash64.HashToUInt64(buffer[..(17 + asset.Length)]);
    }

    /// <summary>The slot of a settlement time (unix ms, positive): the nearest whole minute.</summary>
    public static long Slot(long timeMs) => (timeMs + SlotMs / 2) / SlotMs;

    /// <summary>The start of the slot holding <paramref name="timeMs"/>: a window starting there holds every payment of
    /// each slot it reaches, so that its count per key is whole.</summary>
    public static long WindowStart(long timeMs) => Slot(timeMs) * SlotMs - SlotMs / 2;

    /// <summary>The stream delivered a payment (not a repeat of one it delivered before): true if it is to be published,
    /// false if an income read already published it.</summary>
    public bool AdmitFromStream(ulong key)
    {
        _counts.TryGet(key, out var value);
        var streamed = (int)(value >> 32) + 1;
        var published = (int)value;
        var admit = streamed > published;
        if (admit) published = streamed;
        _counts.Set(key, Pack(streamed, published));
        return admit;
    }

    /// <summary>An income read holds <paramref name="records"/> payments of this key (distinct tranIds): how many of them
    /// to publish, the others being published already.</summary>
    public int AdmitFromIncome(ulong key, int records)
    {
        _counts.TryGet(key, out var value);
        var published = (int)value;
        if (records <= published) return 0;
        _counts.Set(key, Pack((int)(value >> 32), records));
        return records - published;
    }

    private static long Pack(int streamed, int published) => ((long)streamed << 32) | (uint)published;
}
