using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Market;

namespace FundingArb.Tests.Feeds;

/// <summary>A real venue with its heartbeat timings replaced, so a test can reach a 24 h connection-age limit with a
/// few minutes of virtual time.</summary>
internal sealed class HeartbeatOverride(IMarketDataVenue venue, FeedHeartbeat heartbeat) : IMarketDataVenue
{
    public string Name => venue.Name;
    public Uri LiveRestBase => venue.LiveRestBase;
    public Uri LiveWebSocketBase => venue.LiveWebSocketBase;
    public FeedHeartbeat Heartbeat => heartbeat;
    public int? DefaultFundingIntervalHours => venue.DefaultFundingIntervalHours;
    public double DefaultTakerFeeRate => venue.DefaultTakerFeeRate;
    public IMarketFrameParser CreateParser(VenueId venueId, ISymbolResolver symbols) => venue.CreateParser(venueId, symbols);
    public IBookSync CreateBookSync() => venue.CreateBookSync();
    public bool TrySplitSymbol(string venueSymbol, out string baseAsset, out string quoteAsset) =>
        venue.TrySplitSymbol(venueSymbol, out baseAsset, out quoteAsset);
    public IReadOnlyList<string> MetadataRequests(IReadOnlyList<string> venueSymbols) => venue.MetadataRequests(venueSymbols);
    public IReadOnlyList<InstrumentSpec> ParseMetadata(string pathAndQuery, ReadOnlySpan<byte> body) => venue.ParseMetadata(pathAndQuery, body);
    public IReadOnlyList<FeedStream> PlanStreams(IReadOnlyList<string> venueSymbols) => venue.PlanStreams(venueSymbols);
    public BookRecovery RecoverBook(string venueSymbol) => venue.RecoverBook(venueSymbol);
    public void WriteSequenceFields(Utf8JsonWriter writer, in MarketEvent evt) => venue.WriteSequenceFields(writer, evt);
}
