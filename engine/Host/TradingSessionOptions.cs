using FundingArb.Decision;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Host;

/// <summary>What a live session (paper against the simulator, or run against the venues) trades and where.</summary>
public sealed record TradingSessionOptions
{
    public required DecisionConfig Decision { get; init; }

    /// <summary>Venue name (<c>binance</c>, <c>bybit</c>, <c>okx</c>) → where to reach it. Each must be a known venue.</summary>
    public required IReadOnlyDictionary<string, VenueEndpoints> Venues { get; init; }

    /// <summary>Base assets whose USDT perpetuals are traded, e.g. BTC, ETH, SOL.</summary>
    public required IReadOnlyList<string> BaseAssets { get; init; }

    public string QuoteAsset { get; init; } = "USDT";

    /// <summary>Where decision records go; called on the decision thread (use <see cref="DecisionRecordRing"/>).</summary>
    public required IDecisionRecordSink Records { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where venues and instruments get their ids; empty at start. Given, so that sinks made before the session
    /// (a decision-record writer) can name what they print.</summary>
    public InstrumentRegistry Registry { get; init; } = new();

    /// <summary>How the decision thread waits for market events; the default yields, which suits 2 cores.</summary>
    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategies.Default;

    /// <summary>How the intent ring's consumer is told of a new intent; null: <see cref="WaitStrategy"/>. The gateway
    /// gives a <see cref="WakeOnPublishWaitStrategy"/> so a decision reaches it without waiting for its next poll.</summary>
    public IWaitStrategy? IntentWaitStrategy { get; init; }

    /// <summary>Market events in flight between the feeds and the decision core (a power of two).</summary>
    public int MarketRingSize { get; init; } = 1 << 16;

    /// <summary>Order intents in flight between the decision core and the gateway (a power of two).</summary>
    public int IntentRingSize { get; init; } = 1 << 10;

    /// <summary>Seeds reconnect jitter, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;
}
