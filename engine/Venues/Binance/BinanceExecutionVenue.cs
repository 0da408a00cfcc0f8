using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Venues.Binance;

/// <summary>Makes Binance's execution client for the host.</summary>
internal sealed class BinanceExecutionVenue : IExecutionVenue
{
    public static BinanceExecutionVenue Instance { get; } = new();

    public string Name => BinanceMarketData.VenueName;

    public IExecutionClient Create(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, Uri? simulatorBase,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock) =>
        new BinanceExecutionClient(venue, registry, credentials,
            new BinanceExecutionOptions { Endpoints = simulatorBase is null ? BinanceExecutionEndpoints.Live : BinanceExecutionEndpoints.OnOneHost(simulatorBase) }, updates, http, clock);
}
