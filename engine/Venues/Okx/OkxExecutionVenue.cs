using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Okx;

/// <summary>Makes Okx's execution client for the host.</summary>
internal sealed class OkxExecutionVenue : IExecutionVenue
{
    public static OkxExecutionVenue Instance { get; } = new();

    public string Name => OkxMarketData.VenueName;

    public IExecutionClient Create(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, Uri? simulatorBase,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock) =>
        new OkxExecutionClient(venue, registry, credentials,
            new OkxExecutionOptions { Endpoints = simulatorBase is null ? OkxExecutionEndpoints.Live : OkxExecutionEndpoints.OnOneHost(simulatorBase) }, updates, http, clock);
}
