using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>Settings of an <see cref="OkxExecutionClient"/>; the defaults are the documented values.</summary>
public sealed record OkxExecutionOptions
{
    public required OkxExecutionEndpoints Endpoints { get; init; }
    /// <summary>How long a WebSocket op waits for its answer before it is reported as a timeout (outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Each <c>order</c> op carries <c>expTime</c> = the venue's time + <see cref="RequestTimeout"/> − this: an op
    /// the venue gets too late to answer before we time it out is not processed (sCode 50037, reported as
    /// <see cref="Gateway.ExecutionErrorKind.ClockSkew"/>: not placed), so a timed-out order was never placed late.
    /// <see cref="Timeout.InfiniteTimeSpan"/> sends no expTime.</summary>
    public TimeSpan OrderExpiryMargin { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Server-time refresh; each round takes <see cref="ClockSamples"/> samples and keeps the smallest round trip.</summary>
    public TimeSpan ClockRefresh { get; init; } = TimeSpan.FromMinutes(5);
    public int ClockSamples { get; init; } = 3;
    /// <summary>No message on the private WebSocket for this long drops it as dead (a frozen NAT or proxy leaves it open
    /// and silent); the text <c>ping</c>, which the venue answers <c>pong</c>, goes out once a third of it has passed
    /// without one, so a live connection is never this quiet and the venue's own 30 s idle limit
    /// (#overview-websocket-connect) is never reached. Under 30 s: a dead link is found before the venue would.</summary>
    public TimeSpan SilenceLimit { get; init; } = TimeSpan.FromSeconds(24);
    /// <summary>Our WebSocket (protocol) pings on the private connection; a dead link is found within this and
    /// <see cref="SocketKeepAliveTimeout"/> even while the clock the silence limit runs on stands still.</summary>
    public TimeSpan SocketKeepAlive { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>A ping's pong must arrive within this, or the connection is aborted and re-established (orders go over
    /// REST meanwhile).</summary>
    public TimeSpan SocketKeepAliveTimeout { get; init; } = PrivateSocket.DefaultKeepAliveTimeout;
    /// <summary>How often the funding bills (<c>/api/v5/account/bills?type=8</c>) are read besides the reads a positions
    /// push with a changed <c>fundingFee</c> triggers.</summary>
    public TimeSpan FundingPoll { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>At start, funding bills settled this long before are reported (the engine keeps no journal yet): a
    /// settlement while the engine was down for less than this is not lost; one the previous run reported within it is
    /// reported again. Older bills are never reported.</summary>
    public TimeSpan FundingLookBack { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Send orders over the private WebSocket (REST only when it is down); false: REST only.</summary>
    public bool UseWebSocketOrders { get; init; } = true;
    /// <summary>How long <see cref="OkxExecutionClient.StartAsync"/> waits for the login and subscriptions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>A connection not logged in with its three subscriptions acknowledged this long after connecting is
    /// dropped and made again; so is one whose login or a subscription the venue refuses.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Delays between reconnects; a fresh one per connection.</summary>
    public Func<ReconnectBackoff> Backoff { get; init; } = () => ReconnectBackoff.Default(new Random());
    public Func<OkxRateLimits> RateLimits { get; init; } = () => new OkxRateLimits();
}
