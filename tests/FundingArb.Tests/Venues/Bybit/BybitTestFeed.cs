using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Bybit;

namespace FundingArb.Tests.Venues.Bybit;

/// <summary>A registry with the symbols the fixtures use, a parser over it and a buffered sink: parses one frame the
/// way the feed does (begin, parse, commit when usable, abort otherwise).</summary>
internal sealed class BybitTestFeed
{
    public const long ReceivedTimestamp = 987_654_321;

    public InstrumentRegistry Registry { get; } = new();
    public VenueId Venue { get; }
    public InstrumentId Btc { get; }
    public InstrumentId Aave { get; }
    public InstrumentId BtcUsd { get; }
    public BybitMarketParser Parser { get; }
    public BufferedEventSink Sink { get; } = new();

    public BybitTestFeed()
    {
        Venue = Registry.AddVenue(BybitMarketData.VenueName);
        Btc = Registry.Intern("BTC", "USDT");
        Aave = Registry.Intern("AAVE", "USDT");
        BtcUsd = Registry.Intern("BTC", "USD");
        Registry.MapSymbol(Venue, "BTCUSDT", Btc);
        Registry.MapSymbol(Venue, "AAVEUSDT", Aave);
        // The docs' only Linear/Inverse-shaped REST tickers example is the inverse BTCUSD one.
        Registry.MapSymbol(Venue, "BTCUSD", BtcUsd);
        Parser = (BybitMarketParser)BybitMarketData.Instance.CreateParser(Venue, Registry);
    }

    public FrameResult Parse(string frame) => Parse(Encoding.UTF8.GetBytes(frame));

    public FrameResult Parse(byte[] frame)
    {
        Sink.Begin(Venue, ReceivedTimestamp);
        var result = Parser.Parse(frame, Sink);
        Finish(result);
        return result;
    }

    public FrameResult ParseRest(string pathAndQuery, string body) => ParseRest(pathAndQuery, Encoding.UTF8.GetBytes(body));

    public FrameResult ParseRest(string pathAndQuery, byte[] body)
    {
        Sink.Begin(Venue, ReceivedTimestamp);
        var result = Parser.ParseRest(pathAndQuery, body, Sink);
        Finish(result);
        return result;
    }

    /// <summary>The committed events that are not void.</summary>
    public MarketEvent[] Events()
    {
        var events = new List<MarketEvent>();
        foreach (var evt in Sink.Committed)
            if (evt.Kind != MarketEventKind.None) events.Add(evt);
        return [.. events];
    }

    private void Finish(FrameResult result)
    {
        if (result.IsUsable && !Sink.Overflowed) Sink.Commit();
        else Sink.Abort();
    }

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Venues", "Bybit", "Fixtures", name));

    public static string FixtureText(string name) => Encoding.UTF8.GetString(Fixture(name));
}
