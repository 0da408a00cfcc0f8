namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Small scenarios whose books and rates the tests can reason about exactly.</summary>
internal static class TestScenarios
{
    /// <summary>Binance BTCUSDT at a constant mark 9000 (the docs' signing example buys 1 at 9000), rate +0.0003 per 8 h;
    /// five ask and five bid levels of exactly 1.000 BTC, 1.0 apart, best bid 8999.9 / best ask 9000.1; no jitter, so the
    /// book never changes unless someone trades. ETHUSDT at 2000 with a negative rate (−0.0002).</summary>
    public const string Flat = """
    {
      "name": "flat",
      "instruments": [
        { "venue": "binance", "symbol": "BTCUSDT", "base": "BTC", "tickSize": "0.1", "stepSize": "0.001", "minQty": "0.001",
          "minNotional": "5", "fundingIntervalHours": 8,
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "1", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "9000", "index": "8995", "rate": "0.0003" } ] },
        { "venue": "binance", "symbol": "ETHUSDT", "base": "ETH", "tickSize": "0.01", "stepSize": "0.001", "minQty": "0.001",
          "minNotional": "5", "fundingIntervalHours": 4,
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "10", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "2000", "index": "2001", "rate": "-0.0002" } ] }
      ]
    }
    """;

    /// <summary>A moving BTCUSDT market whose book changes every step (sizes jitter, mark drifts), for the streams.</summary>
    public const string Lively = """
    {
      "name": "lively",
      "instruments": [
        { "venue": "binance", "symbol": "BTCUSDT", "base": "BTC", "tickSize": "0.1", "stepSize": "0.001",
          "book": { "levels": 10, "size": "0.5", "growth": "1.2", "jitter": "0.4" },
          "path": [ { "at": "0s", "mark": "60000", "index": "59990", "rate": "0.0001" },
                    { "at": "1h", "mark": "60600", "index": "60590", "rate": "0.0002" } ] }
      ]
    }
    """;
}
