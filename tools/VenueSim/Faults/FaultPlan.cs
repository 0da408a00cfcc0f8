using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Faults;

/// <summary>One venue's armed faults and every fault decision, venue-neutral: the exchange asks it about each order,
/// front ends about each request, book event and market-data frame. Deterministic given the seed and the order in which
/// candidates arrive: each rule draws from its own random, seeded from the simulator's seed, the venue and the rule's
/// position. Tests script it at run time (<c>simulator.FaultsOf(VenueKind.Binance).Add(...)</c>).</summary>
/// <remarks>Has its own lock, taken after the exchange's Gate when called from the exchange and never while calling
/// out, so front ends may ask from anywhere.</remarks>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly List<ArmedFault> _faults = [];
    private readonly long[] _applied = new long[Enum.GetValues<FaultKind>().Length];
    private readonly HashSet<ArmedFault> _outagesBegun = [];
    private readonly int _seed;
    private int _armed;
    private DateTimeOffset _now;

    public FaultPlan(VenueKind venue, int seed, DateTimeOffset start)
    {
        Venue = venue;
        _seed = seed;
        Start = start;
        _now = start;
    }

    public VenueKind Venue { get; }

    /// <summary>The simulator's start on the market clock: rule windows (<see cref="FaultRule.At"/>) count from here.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The venue's open WebSocket connections, which drop and outage faults abort.</summary>
    public LiveConnections Connections { get; } = new();

    /// <summary>Arms <paramref name="rule"/>; a rule without <see cref="FaultRule.At"/> takes effect from the market time
    /// last seen. Throws <see cref="ArgumentException"/> naming the field when the rule does not fit this venue.</summary>
    public ArmedFault Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Check(Venue) is { } problem) throw new ArgumentException($"fault {rule.Kind}: {problem.Field} {problem.Rule}", nameof(rule));
        lock (_lock)
        {
            // A fixed mix, not HashCode.Combine: that one is salted per process and would break --seed.
            var seed = unchecked(_seed * 1_000_003 + (int)Venue * 7_919 + _armed++ * 104_729 + 17);
            var armed = new ArmedFault(rule, rule.At is { } at ? Start + at : _now, seed);
            _faults.Add(armed);
            return armed;
        }
    }

    public void Remove(ArmedFault fault)
    {
        lock (_lock) _faults.Remove(fault);
    }

    public void Clear()
    {
        lock (_lock) _faults.Clear();
    }

    public IReadOnlyList<ArmedFault> Faults
    {
        get { lock (_lock) return [.. _faults]; }
    }

    /// <summary>How many times faults of <paramref name="kind"/> were applied on this venue.</summary>
    public long Applied(FaultKind kind)
    {
        lock (_lock) return _applied[(int)kind];
    }

    /// <summary>Every kind applied at least once, with its count.</summary>
    public IReadOnlyDictionary<FaultKind, long> Counts()
    {
        lock (_lock)
            return Enum.GetValues<FaultKind>().Where(k => _applied[(int)k] > 0).ToDictionary(k => k, k => _applied[(int)k]);
    }

    // ---------------------------------------------------------------- orders (the exchange, under its Gate)

    /// <summary>The fault for an order that passed the venue's checks: the first order rule, in the order added, that
    /// applies to it (every rule counts every order it matches). Drops triggered by this order happen now, before the
    /// order is answered, so the answer of a dropped trading connection is lost.</summary>
    public FaultRule? DecideOrder(OrderRequest order, DateTimeOffset now)
    {
        FaultRule? chosen = null;
        ConnectionKind drop = 0;
        lock (_lock)
        {
            _now = now;
            foreach (var fault in _faults)
            {
                var rule = fault.Rule;
                if (!(rule.IsOrderFault || rule.DropsOnOrder) || !fault.MatchesOrder(order)) continue;
                if (rule.DropsOnOrder)
                {
                    if (fault.TryFire(now)) { drop |= rule.Connection; Count(rule.Kind); }
                }
                else if (chosen is null)
                {
                    if (fault.TryFire(now)) { chosen = rule; Count(rule.Kind); }
                }
                else fault.CountWithoutFiring(now);
            }
        }
        if (drop != 0) Connections.Drop(drop);
        return chosen;
    }

    // ---------------------------------------------------------------- requests (front ends)

    /// <summary>The faults for one REST or WebSocket API request: the summed latency of the latency rules that apply and
    /// the first server-error, rate-limit or reset rule that applies.</summary>
    public RequestFault DecideRequest(ApiOperation operation, ApiTransport transport, DateTimeOffset now)
    {
        FaultRule? answer = null;
        var delay = TimeSpan.Zero;
        lock (_lock)
        {
            _now = now;
            foreach (var fault in _faults)
            {
                var rule = fault.Rule;
                if (!rule.IsRequestFault || !fault.MatchesRequest(operation, transport)) continue;
                if (rule.Kind == FaultKind.Latency)
                {
                    if (fault.TryFire(now)) { delay += fault.NextDelay(); Count(rule.Kind); }
                }
                else if (answer is null)
                {
                    if (fault.TryFire(now)) { answer = rule; Count(rule.Kind); }
                }
                else fault.CountWithoutFiring(now);
            }
        }
        return answer is null && delay == TimeSpan.Zero ? RequestFault.None : new RequestFault(answer, delay);
    }

    // ---------------------------------------------------------------- streams and outages (front ends, the exchange's step)

    /// <summary>Whether market data of <paramref name="channel"/> for <paramref name="symbol"/> is held back now.</summary>
    public bool IsStale(MarketChannel channel, string symbol, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var fault in _faults)
            {
                var rule = fault.Rule;
                if (rule.Kind != FaultKind.StaleFeed || !fault.InWindow(now)) continue;
                if ((rule.Channel is { } c && c != channel) || (rule.Symbol is { } s && s != symbol)) continue;
                if (fault.Activate()) Count(rule.Kind);
                return true;
            }
            return false;
        }
    }

    /// <summary>Whether the next book event of <paramref name="symbol"/> must be swallowed (a sequence gap).</summary>
    public bool TakeSequenceGap(string symbol, DateTimeOffset now) => TakeBookFault(FaultKind.SequenceGap, symbol, now);

    /// <summary>Whether the next book event of <paramref name="symbol"/> must carry a wrong checksum (OKX).</summary>
    public bool TakeBadChecksum(string symbol, DateTimeOffset now) => TakeBookFault(FaultKind.BadChecksum, symbol, now);

    private bool TakeBookFault(FaultKind kind, string symbol, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var fault in _faults)
            {
                if (fault.Rule.Kind != kind || (fault.Rule.Symbol is { } s && s != symbol)) continue;
                if (fault.TryFire(now))
                {
                    Count(kind);
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The outage in force now, or null when the venue is up.</summary>
    public FaultRule? OutageAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var fault in _faults)
                if (fault.Rule.Kind == FaultKind.VenueDown && fault.InWindow(now))
                {
                    if (fault.Activate()) Count(FaultKind.VenueDown);
                    return fault.Rule;
                }
            return null;
        }
    }

    /// <summary>Called by the exchange after each market step: fires drops due by the clock and drops every connection
    /// when an outage begins.</summary>
    public void OnStep(DateTimeOffset now)
    {
        ConnectionKind drop = 0;
        lock (_lock)
        {
            _now = now;
            foreach (var fault in _faults)
            {
                var rule = fault.Rule;
                if (rule.Kind == FaultKind.DropConnection && !rule.DropsOnOrder && fault.TryFire(now))
                {
                    drop |= rule.Connection;
                    Count(rule.Kind);
                }
                else if (rule.Kind == FaultKind.VenueDown && fault.InWindow(now) && _outagesBegun.Add(fault))
                {
                    drop |= ConnectionKind.All;
                    if (fault.Activate()) Count(rule.Kind);
                }
            }
        }
        if (drop != 0) Connections.Drop(drop);
    }

    private void Count(FaultKind kind) => _applied[(int)kind]++;
}
