using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Bybit;

/// <summary>Makes Bybit's execution client for the host.</summary>
internal sealed class BybitExecutionVenue : IExecutionVenue
{
    public static BybitExecutionVenue Instance { get; } = new();

    public string Name => BybitMarketData.VenueName;

    public IExecutionClient Create(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, Uri? simulatorBase,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock) =>
        new BybitExecutionClient(venue, registry, credentials,
            new BybitExecutionOptions { Endpoints = simulatorBase is null ? BybitExecutionEndpoints.Live : BybitExecutionEndpoints.OnOneHost(simulatorBase) }, updates, http, clock);
}
