using FundingArb.Market;
using FundingArb.Ring;

namespace FundingArb.Gateway;

/// <summary>Makes one venue's <see cref="IExecutionClient"/>: each venue's folder registers one in
/// <see cref="ExecutionVenueDirectory"/>, so the host never names a venue's types.</summary>
public interface IExecutionVenue
{
    /// <summary>As the market-data side spells it: <c>binance</c>, <c>bybit</c>, <c>okx</c>.</summary>
    string Name { get; }

    /// <param name="simulatorBase">The simulator's HTTP base (REST and WebSockets on one host); null: the live venue.</param>
    IExecutionClient Create(VenueId venue, InstrumentRegistry registry, ApiCredentials credentials, Uri? simulatorBase,
        RingBuffer<ExecutionUpdate> updates, HttpClient http, TimeProvider clock);
}
