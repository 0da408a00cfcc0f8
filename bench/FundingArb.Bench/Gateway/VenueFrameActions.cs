using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Binance;
using FundingArb.Venues.Okx;

namespace FundingArb.Bench.Gateway;

/// <summary>The attempt's world, as far as <see cref="ArbitrageAttempt.Start"/> reaches it, with the engine's own send
/// path: <see cref="Place"/> does what each client's <c>PlaceAsync</c> does on the caller's thread before the socket
/// write — the order checked against the instrument's rules, counted against the venue's order limits, and its frame
/// written (Binance: WS API <c>order.place</c>, params written once into the frame and the signing payload, HMAC-SHA256
/// with the reused instance; OKX: the <c>order</c> op of the logged-in private WebSocket, no signature) into the client's
/// reused buffer. No socket: the frame is left where <c>SendAsync</c> would take it.</summary>
/// <remarks><see cref="Arm"/> only counts (the gateway's timers are not part of the send); everything an attempt asks for
/// after its first two placements throws, since the benchmark never feeds it an answer.</remarks>
public sealed class VenueFrameActions(TimeProvider clock, VenueId binance, BinanceExecutionClient binanceClient, OkxExecutionClient okxClient)
    : IAttemptActions
{
    private long _requestId;

    /// <summary>The frame of each leg's last placement (valid until that venue's next write).</summary>
    public ReadOnlyMemory<byte>[] LastFrames { get; } = new ReadOnlyMemory<byte>[2];
    public long FramesWritten { get; private set; }
    public long BytesWritten { get; private set; }
    public long TimersArmed { get; private set; }

    public long Now => clock.GetTimestamp();
    public long TicksPerSecond => clock.TimestampFrequency;
    public long NowUnixMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public void Place(LegExecution leg, LegOrder order)
    {
        ReadOnlyMemory<byte> frame;
        ExecutionError error;
        if (leg.Venue == binance)
        {
            // New Order: weight 0, one order on each order-count window (as BinanceExecutionClient.PlaceCoreAsync counts it).
            if (!binanceClient.RateLimits.TryAcquire(0, isOrder: true, binanceClient.Clock.NowUnixMs(), out error)) throw Refused(error);
            error = binanceClient.WritePlaceFrame(order.Request, ++_requestId, out frame);
        }
        else
        {
            if (!okxClient.RateLimits.TryAcquire(OkxRequestKind.PlaceOrder, order.Request.Instrument, okxClient.Clock.NowUnixMs(), out error))
                throw Refused(error);
            error = okxClient.WritePlaceFrame(order.Request, ++_requestId, out frame);
        }
        if (error.IsError) throw Refused(error);
        LastFrames[leg.Index] = frame;
        FramesWritten++;
        BytesWritten += frame.Length;
    }

    public void Arm(LegExecution leg, LegTimer timer, int order, int generation, TimeSpan delay) => TimersArmed++;

    public void Cancel(LegExecution leg, LegOrder order) => throw NotInStart();
    public void Query(LegExecution leg, LegOrder order) => throw NotInStart();
    public void QueryPosition(LegExecution leg) => throw NotInStart();
    public void Opened(ArbitrageAttempt attempt) => throw NotInStart();
    public void Flat(ArbitrageAttempt attempt) => throw NotInStart();
    public void EngageKillSwitch(LegExecution leg) => throw NotInStart();
    public void Alert(LegExecution leg, string message) => throw NotInStart();

    private static InvalidOperationException Refused(in ExecutionError error) => new($"The send path refused the order: {error}");

    internal static InvalidOperationException NotInStart() =>
        new("Only placements are expected while an attempt starts; the benchmark feeds no answers.");
}
