using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One venue's trading side, as the order gateway uses it. Implemented once per venue in its folder under
/// Venues/. Every call returns a result carrying the reason when it failed; none throws for a venue's refusal or a
/// broken connection. Order, fill, position, funding and balance updates arrive on the execution ring given to the
/// client at construction.</summary>
/// <remarks>The private stream has gaps: venues do not replay what they sent while it was disconnected (drops, planned
/// cuts, key renewals). Each time it is ready again after the first time, the client publishes
/// <see cref="ExecutionUpdateKind.StreamResynced"/>; the gateway must then reconcile from queries (every in-flight order
/// by <see cref="QueryOrderAsync"/>, <see cref="QueryOpenOrdersAsync"/>, <see cref="QueryPositionsAsync"/>) rather than
/// wait for updates that will never come.</remarks>
public interface IExecutionClient : IAsyncDisposable
{
    VenueId Venue { get; }

    /// <summary>True while the trading connection is up and the private stream subscribed.</summary>
    bool IsReady { get; }

    /// <summary>Makes an instrument tradable: its venue symbol and rules (tick, lot, minimum, contract size). Before
    /// <see cref="StartAsync"/>.</summary>
    void AddInstrument(InstrumentId instrument, InstrumentSpec spec);

    /// <summary>Connects, synchronises the clock, checks the account's mode (one-way positions), opens the private
    /// stream. Throws <see cref="InvalidOperationException"/> with the reason if the venue cannot be traded.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Checks the order against the instrument's rules and sends it; the report says accepted (with the
    /// venue's first state) or why not. A refusal by our own checks or limits is never sent.</summary>
    ValueTask<OrderReport> PlaceAsync(in OrderRequest request, CancellationToken cancellationToken = default);

    ValueTask<OrderReport> CancelAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default);

    ValueTask<OrderReport> QueryOrderAsync(InstrumentId instrument, in ClientOrderId clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Open orders, of one instrument or (None) of all: all includes orders in symbols the registry does not
    /// map, with <see cref="InstrumentId.None"/> and <see cref="OrderReport.VenueSymbol"/> set.</summary>
    Task<VenueQuery<IReadOnlyList<OrderReport>>> QueryOpenOrdersAsync(InstrumentId instrument, CancellationToken cancellationToken = default);

    /// <summary>Every non-zero position, including those in symbols the registry does not map (with
    /// <see cref="InstrumentId.None"/> and the venue's symbol): start-up reconciliation must see every leg.</summary>
    Task<VenueQuery<IReadOnlyList<PositionReport>>> QueryPositionsAsync(CancellationToken cancellationToken = default);

    Task<VenueQuery<IReadOnlyList<BalanceReport>>> QueryBalancesAsync(CancellationToken cancellationToken = default);
}
