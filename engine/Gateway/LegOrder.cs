using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>One order the gateway sent for a leg, and everything the venue has said about it: answers, stream updates
/// and queries, in whatever order they arrive.</summary>
/// <remarks>The filled quantity is the larger of the venue's cumulative figure and the sum of the fills seen: either may
/// run ahead of the other (a terminal update before its fills, fills before the answer), and neither ever goes back.</remarks>
public sealed class LegOrder
{
    private Quantity _cumulative;
    private Quantity _fillSum;
    private Int128 _fillValue; // Σ quantity.Raw × price.Raw of the fills seen: exact
    private Price _reportedAverage;

    public LegOrder(int index, OrderRole role, in OrderRequest request)
    {
        Index = index;
        Role = role;
        Request = request;
    }

    /// <summary>Position of the order in its leg's list (and in its timers).</summary>
    public int Index { get; }
    public OrderRole Role { get; }
    public OrderRequest Request { get; }
    public ClientOrderId Id => Request.ClientOrderId;
    public OrderPhase Phase { get; internal set; }
    public OrderStatus Status { get; private set; }
    /// <summary>The venue has acknowledged the order in some way (answer, update or query): it exists there.</summary>
    public bool Seen { get; private set; }
    /// <summary>Why the placement failed, if it did.</summary>
    public ExecutionError Error { get; internal set; }
    /// <summary>The deadline passed and a cancel was sent: a query finding it live cancels it again.</summary>
    public bool CancelRequested { get; internal set; }
    /// <summary>"Unknown order" answers to queries so far.</summary>
    public int UnknownAnswers { get; internal set; }
    /// <summary>Bumped at each timer armed for this order: a timer carrying an older value is stale.</summary>
    public int TimerGeneration { get; internal set; }
    /// <summary>Engine-clock timestamps; 0 until it happened.</summary>
    public long SentTimestamp { get; internal set; }
    public long AckTimestamp { get; internal set; }
    public long FirstFillTimestamp { get; internal set; }

    public Quantity Filled => _cumulative > _fillSum ? _cumulative : _fillSum;
    public bool IsDone => Phase == OrderPhase.Done;
    /// <summary>The venue reports the order live (it may still fill).</summary>
    public bool IsLiveOnVenue => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    /// <summary>Average fill price: of the fills seen when they account for everything filled, else the venue's figure.</summary>
    public Price AveragePrice =>
        _fillSum.IsPositive && _fillSum >= _cumulative ? new Price((long)(_fillValue / _fillSum.Raw)) : _reportedAverage;

    /// <summary>Takes what an answer or query says; true if the filled quantity grew.</summary>
    public bool Apply(in OrderReport report)
    {
        Seen = true;
        var before = Filled;
        if (report.Status > Status) Status = report.Status;
        if (report.ExecutedQuantity > _cumulative) _cumulative = report.ExecutedQuantity;
        if (report.AveragePrice.IsPositive) _reportedAverage = report.AveragePrice;
        return Filled > before;
    }

    /// <summary>Takes an update from the private stream; true if the filled quantity grew.</summary>
    public bool Apply(in ExecutionUpdate update)
    {
        Seen = true;
        var before = Filled;
        if (update.Kind == ExecutionUpdateKind.Fill && update.LastFillQuantity.IsPositive)
        {
            _fillSum += update.LastFillQuantity;
            _fillValue += (Int128)update.LastFillQuantity.Raw * update.LastFillPrice.Raw;
        }
        var status = update.Status != OrderStatus.Unknown ? update.Status : StatusOf(update.Kind);
        if (status > Status) Status = status;
        if (update.CumulativeQuantity > _cumulative) _cumulative = update.CumulativeQuantity;
        if (update.AveragePrice.IsPositive) _reportedAverage = update.AveragePrice;
        return Filled > before;
    }

    /// <summary>The venue's reported state is final: nothing more can fill.</summary>
    public bool IsTerminalOnVenue => Status >= OrderStatus.Filled;

    private static OrderStatus StatusOf(ExecutionUpdateKind kind) => kind switch
    {
        ExecutionUpdateKind.Accepted => OrderStatus.New,
        ExecutionUpdateKind.Canceled => OrderStatus.Canceled,
        ExecutionUpdateKind.Expired => OrderStatus.Expired,
        ExecutionUpdateKind.Rejected => OrderStatus.Rejected,
        _ => OrderStatus.Unknown,
    };

    public override string ToString() => $"{Id} {Role} {Phase} {Status} filled {Filled}";
}
