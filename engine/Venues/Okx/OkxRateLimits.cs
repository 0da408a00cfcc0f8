using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 request limits, counted locally from each endpoint's documented "Rate Limit" and "Rate limit rule"
/// (#overview-rate-limits and the endpoint pages). A request that would exceed one is refused here, with the reason and
/// when to retry, and never sent. After a 429 or a <c>50011</c> the window that counts the refused request (that kind,
/// for that instrument where the rule is per instrument) is marked full until it ends; no other window is touched, so a
/// limit hit by the funding poller or by one instrument's orders never blocks a cancel or another instrument's orders.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Place order (REST and the WS <c>order</c> op share it): 60 / 2 s per instrument (User ID + Instrument ID), and
/// the sub-account's new-order limit 1000 / 2 s across instruments.</item>
/// <item>Cancel order: 60 / 2 s per instrument. Get order details: 60 / 2 s per instrument. Get order list: 60 / 2 s.</item>
/// <item>Positions: 10 / 2 s. Balance: 10 / 2 s. Bills (last 7 days): 5 / 1 s. Account configuration: 5 / 2 s.
/// Set position mode: 5 / 2 s. System time: 10 / 2 s (IP).</item>
/// </list>
/// Windows are aligned to the epoch, like <see cref="RateWindow"/>. Instruments' windows are made in
/// <see cref="Prepare"/> (when an instrument is added), so counting an order allocates nothing. Thread-safe.
/// </remarks>
public sealed class OkxRateLimits
{
    private const long TwoSeconds = 2000;
    private readonly Lock _lock = new();
    private readonly int _perInstrument;
    private readonly RateWindow[] _account;
    private RateWindow?[] _place = [];
    private RateWindow?[] _cancel = [];
    private RateWindow?[] _query = [];

    /// <param name="perInstrument">Place, cancel and order-details limit per instrument per 2 s (60).</param>
    /// <param name="newOrders">New orders per 2 s across instruments (1000).</param>
    public OkxRateLimits(int perInstrument = 60, int newOrders = 1000)
    {
        _perInstrument = perInstrument;
        NewOrders = new RateWindow("new orders per 2s", newOrders, TwoSeconds);
        _account = new RateWindow[(int)OkxRequestKind.ServerTime + 1];
        _account[(int)OkxRequestKind.OpenOrders] = new RateWindow("order list per 2s", 60, TwoSeconds);
        _account[(int)OkxRequestKind.Positions] = new RateWindow("positions per 2s", 10, TwoSeconds);
        _account[(int)OkxRequestKind.Balance] = new RateWindow("balance per 2s", 10, TwoSeconds);
        _account[(int)OkxRequestKind.Bills] = new RateWindow("bills per 1s", 5, 1000);
        _account[(int)OkxRequestKind.AccountConfig] = new RateWindow("account configuration per 2s", 5, TwoSeconds);
        _account[(int)OkxRequestKind.SetPositionMode] = new RateWindow("set position mode per 2s", 5, TwoSeconds);
        _account[(int)OkxRequestKind.ServerTime] = new RateWindow("system time per 2s", 10, TwoSeconds);
    }

    public RateWindow NewOrders { get; }

    /// <summary>Requests refused locally (tests, status).</summary>
    public long Refused { get; private set; }

    /// <summary>Makes the per-instrument windows of <paramref name="instrument"/>.</summary>
    public void Prepare(InstrumentId instrument)
    {
        lock (_lock)
        {
            if (instrument.Index >= _place.Length)
            {
                var size = Math.Max(instrument.Index + 1, _place.Length * 2);
                Array.Resize(ref _place, size);
                Array.Resize(ref _cancel, size);
                Array.Resize(ref _query, size);
            }
            _place[instrument.Index] ??= new RateWindow("place order per 2s", _perInstrument, TwoSeconds);
            _cancel[instrument.Index] ??= new RateWindow("cancel order per 2s", _perInstrument, TwoSeconds);
            _query[instrument.Index] ??= new RateWindow("order details per 2s", _perInstrument, TwoSeconds);
        }
    }

    /// <summary>The window that counts <paramref name="kind"/> (for <paramref name="instrument"/> where the rule is per
    /// instrument); null for an instrument not prepared.</summary>
    public RateWindow? Window(OkxRequestKind kind, InstrumentId instrument)
    {
        lock (_lock) return WindowOf(kind, instrument);
    }

    /// <summary>Counts one request of <paramref name="kind"/>; false with the refusal (<see cref="ExecutionErrorKind.RateLimited"/>,
    /// retry time set) when it does not fit.</summary>
    public bool TryAcquire(OkxRequestKind kind, InstrumentId instrument, long nowMs, out ExecutionError refusal)
    {
        lock (_lock)
        {
            refusal = default;
            var window = WindowOf(kind, instrument);
            if (window is null)
                return Refuse(ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument is not set up on this venue"u8), out refusal);
            if (!window.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "the endpoint's documented rate limit would be exceeded; not sent"u8, window.WindowEnd(nowMs)), out refusal);
            if (kind == OkxRequestKind.PlaceOrder && !NewOrders.Fits(1, nowMs))
                return Refuse(ExecutionError.Local(ExecutionErrorKind.RateLimited, "new orders per 2 s would exceed the sub-account limit; not sent"u8, NewOrders.WindowEnd(nowMs)), out refusal);
            window.Add(1, nowMs);
            if (kind == OkxRequestKind.PlaceOrder) NewOrders.Add(1, nowMs);
            return true;
        }
    }

    /// <summary>A 429 or <c>50011</c>: the venue counted more than we did. Only the window that counts this request is
    /// marked full, until it ends (OKX sends no Retry-After); returns that time, unix ms.</summary>
    public long OnVenueLimit(OkxRequestKind kind, InstrumentId instrument, long nowMs)
    {
        lock (_lock)
        {
            var window = WindowOf(kind, instrument);
            window?.Observe(window.Limit, nowMs);
            return window?.WindowEnd(nowMs) ?? nowMs + TwoSeconds;
        }
    }

    private RateWindow? WindowOf(OkxRequestKind kind, InstrumentId instrument) => kind switch
    {
        OkxRequestKind.PlaceOrder => At(_place, instrument),
        OkxRequestKind.CancelOrder => At(_cancel, instrument),
        OkxRequestKind.QueryOrder => At(_query, instrument),
        _ => _account[(int)kind],
    };

    private static RateWindow? At(RateWindow?[] windows, InstrumentId instrument) =>
        !instrument.IsNone && instrument.Index < windows.Length ? windows[instrument.Index] : null;

    private bool Refuse(in ExecutionError error, out ExecutionError refusal)
    {
        Refused++;
        refusal = error;
        return false;
    }
}
