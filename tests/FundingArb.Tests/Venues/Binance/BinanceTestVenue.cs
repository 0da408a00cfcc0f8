using System.Text;
using FundingArb.Feeds;
using FundingArb.Market;
using FundingArb.Venues.Binance;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>A registry with Binance's BTCUSDT and ETHUSDT mapped, a parser over it and a buffered sink: parse a frame,
/// commit it if it is usable (abort otherwise, as the feed does), read the committed events back.</summary>
internal sealed class BinanceTestVenue
{
    public const long ReceivedTimestamp = 987_654_321;

    public BinanceTestVenue()
    {
        Venue = Registry.AddVenue(BinanceMarketData.VenueName);
        Btc = Registry.Intern("BTC", "USDT");
        Registry.MapSymbol(Venue, "BTCUSDT", Btc);
        Eth = Registry.Intern("ETH", "USDT");
        Registry.MapSymbol(Venue, "ETHUSDT", Eth);
        Parser = new BinanceMarketParser(Venue, Registry);
    }

    public InstrumentRegistry Registry { get; } = new();
    public VenueId Venue { get; }
    public InstrumentId Btc { get; }
    public InstrumentId Eth { get; }
    public BinanceMarketParser Parser { get; }
    public BufferedEventSink Sink { get; } = new();

    /// <summary>The events of the last committed frame (void slots after an abort).</summary>
    public ReadOnlySpan<MarketEvent> Events => Sink.Committed;

    /// <summary>The non-void events of the last frame.</summary>
    public int PublishedCount
    {
        get
        {
            var n = 0;
            foreach (ref readonly var e in Sink.Committed)
                if (e.Kind != MarketEventKind.None) n++;
            return n;
        }
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Venues", "Binance", "Fixtures", name));

    public FrameResult Parse(string frame) => Parse(Encoding.UTF8.GetBytes(frame));

    public FrameResult Parse(byte[] frame)
    {
        Sink.Begin(Venue, ReceivedTimestamp);
        var result = Parser.Parse(frame, Sink);
        Close(result);
        return result;
    }

    public FrameResult ParseRest(string pathAndQuery, string body)
    {
        Sink.Begin(Venue, ReceivedTimestamp);
        var result = Parser.ParseRest(pathAndQuery, Encoding.UTF8.GetBytes(body), Sink);
        Close(result);
        return result;
    }

    private void Close(FrameResult result)
    {
        if (result.IsUsable && !Sink.Overflowed) Sink.Commit();
        else Sink.Abort();
    }
}
