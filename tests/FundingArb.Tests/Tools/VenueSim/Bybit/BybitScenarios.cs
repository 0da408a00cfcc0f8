namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Small Bybit scenarios whose books and rates the tests can reason about exactly.</summary>
internal static class BybitScenarios
{
    /// <summary>BTCUSDT at a constant mark 9000 (index 8995), rate +0.0003 per 8 h, taker 0.055 %, maker 0.02 %;
    /// five ask and five bid levels of exactly 1.000 BTC, 1.0 apart, best bid 8999.9 / best ask 9000.1; no jitter, so
    /// the book changes only when someone trades. Limit prices must lie within 8550–9450; min order value 100 USDT;
    /// min qty 0.01. ETHUSDT at 2000 with a negative rate (−0.0002) every 4 h.</summary>
    public const string Flat = """
    {
      "name": "bybit-flat",
      "instruments": [
        { "venue": "bybit", "symbol": "BTCUSDT", "base": "BTC", "tickSize": "0.1", "stepSize": "0.001", "minQty": "0.01", "maxQty": "1000",
          "minNotional": "100", "fundingIntervalHours": 8, "maxLeverage": 100, "takerFee": "0.00055", "makerFee": "0.0002",
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "1", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "9000", "index": "8995", "rate": "0.0003" } ] },
        { "venue": "bybit", "symbol": "ETHUSDT", "base": "ETH", "tickSize": "0.01", "stepSize": "0.01", "minQty": "0.01",
          "minNotional": "5", "fundingIntervalHours": 4, "takerFee": "0.00055", "makerFee": "0.0002",
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "10", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "2000", "index": "2001", "rate": "-0.0002" } ] }
      ]
    }
    """;

    /// <summary>Moving BTCUSDT and ETHUSDT markets whose books change every step (sizes jitter, marks drift), for the streams.</summary>
    public const string Lively = """
    {
      "name": "bybit-lively",
      "instruments": [
        { "venue": "bybit", "symbol": "BTCUSDT", "base": "BTC", "tickSize": "0.1", "stepSize": "0.001",
          "book": { "levels": 60, "size": "0.5", "growth": "1.05", "jitter": "0.4" },
          "path": [ { "at": "0s", "mark": "60000", "index": "59990", "rate": "0.0001" },
                    { "at": "1h", "mark": "60600", "index": "60590", "rate": "0.0002" } ] },
        { "venue": "bybit", "symbol": "ETHUSDT", "base": "ETH", "tickSize": "0.01", "stepSize": "0.01",
          "book": { "levels": 20, "size": "5", "growth": "1.1", "jitter": "0.4" },
          "path": [ { "at": "0s", "mark": "3000", "index": "2999", "rate": "-0.0001" },
                    { "at": "1h", "mark": "3030", "index": "3029", "rate": "0.0001" } ] }
      ]
    }
    """;
}
