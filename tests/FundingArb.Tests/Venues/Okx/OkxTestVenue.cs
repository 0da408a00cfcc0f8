using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>A registry with the OKX symbols the fixtures use, a parser over it and a buffered sink.</summary>
/// <remarks>The docs' books examples use the spot id <c>BTC-USDT</c> while the index-tickers channel resolves to the
/// perpetual <c>BTC-USDT-SWAP</c>; a canonical instrument has one symbol per venue, so a test picks which one
/// <c>BTC-USDT-PERP</c> is mapped to.</remarks>
internal sealed class OkxTestVenue
{
    public const long ReceivedTs = 987_654_321;

    public OkxTestVenue(bool booksUseSpotId = false)
    {
        Registry = new InstrumentRegistry();
        Venue = Registry.AddVenue("okx");
        Btc = Registry.Intern("BTC", "USDT");
        BtcUsd = Registry.Intern("BTC", "USD");
        Ltc = Registry.Intern("LTC", "USD");
        Bch = Registry.Intern("BCH", "USDT");
        Eth = Registry.Intern("ETH", "USDT");
        Registry.MapSymbol(Venue, booksUseSpotId ? "BTC-USDT" : "BTC-USDT-SWAP", Btc);
        Registry.MapSymbol(Venue, "BTC-USD-SWAP", BtcUsd);
        Registry.MapSymbol(Venue, "LTC-USD-190628", Ltc);
        Registry.MapSymbol(Venue, "BCH-USDT-SWAP", Bch);
        Registry.MapSymbol(Venue, "ETH-USDT-SWAP", Eth);
        Parser = new OkxMarketParser(Venue, Registry);
    }

    public InstrumentRegistry Registry { get; }
    public VenueId Venue { get; }
    public InstrumentId Btc { get; }
    public InstrumentId BtcUsd { get; }
    public InstrumentId Ltc { get; }
    public InstrumentId Bch { get; }
    public InstrumentId Eth { get; }
    public OkxMarketParser Parser { get; }
    public BufferedEventSink Sink { get; } = new();

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Venues", "Okx", "Fixtures", name));

    /// <summary>Parses one WS frame; commits it when usable, aborts it otherwise (as the feed does).</summary>
    public FrameResult Parse(byte[] frame)
    {
        Sink.Begin(Venue, ReceivedTs);
        var result = Parser.Parse(frame, Sink);
        if (result.IsUsable && !Sink.Overflowed) Sink.Commit();
        else Sink.Abort();
        return result;
    }

    public FrameResult Parse(string frame) => Parse(Encoding.UTF8.GetBytes(frame));

    public FrameResult ParseRest(string pathAndQuery, byte[] body)
    {
        Sink.Begin(Venue, ReceivedTs);
        var result = Parser.ParseRest(pathAndQuery, body, Sink);
        if (result.IsUsable && !Sink.Overflowed) Sink.Commit();
        else Sink.Abort();
        return result;
    }

    public FrameResult ParseRest(string pathAndQuery, string body) => ParseRest(pathAndQuery, Encoding.UTF8.GetBytes(body));

    /// <summary>The committed events, copied out of the sink.</summary>
    public MarketEvent[] Events => Sink.Committed.ToArray();
}
