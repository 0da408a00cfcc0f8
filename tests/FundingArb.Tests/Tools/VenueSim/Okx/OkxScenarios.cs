namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>OKX markets the tests can reason about exactly. Quantities are contracts; BTC-USDT-SWAP's contract is
/// 0.01 BTC (the docs' own ctVal), lot and minimum 0.01 contracts.</summary>
internal static class OkxScenarios
{
    /// <summary>BTC-USDT-SWAP at a constant mark 9000 (index 8995), rate +0.0003 per 8 h; five asks and five bids of
    /// exactly 100 contracts, 1.0 apart, best bid 8999.9 / best ask 9000.1; no jitter, so the book changes only when
    /// someone trades. ETH-USDT-SWAP (4 h funding) at 2000 with a negative rate.</summary>
    public const string Flat = """
    {
      "name": "okx-flat",
      "instruments": [
        { "venue": "okx", "symbol": "BTC-USDT-SWAP", "base": "BTC", "tickSize": "0.1", "stepSize": "0.01", "minQty": "0.01",
          "maxQty": "1000", "contractSize": "0.01", "minNotional": "0", "fundingIntervalHours": 8, "maxLeverage": 100,
          "takerFee": "0.0005", "makerFee": "0.0002",
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "100", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "9000", "index": "8995", "rate": "0.0003" } ] },
        { "venue": "okx", "symbol": "ETH-USDT-SWAP", "base": "ETH", "tickSize": "0.01", "stepSize": "1", "minQty": "1",
          "maxQty": "10000", "contractSize": "0.1", "minNotional": "0", "fundingIntervalHours": 4,
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "500", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "2000", "index": "2001", "rate": "-0.0002" } ] }
      ]
    }
    """;

    /// <summary>A BTC-USDT-SWAP book that changes every step (sizes jitter, mark drifts), 30 levels a side.</summary>
    public const string Lively = """
    {
      "name": "okx-lively",
      "instruments": [
        { "venue": "okx", "symbol": "BTC-USDT-SWAP", "base": "BTC", "tickSize": "0.1", "stepSize": "0.01", "minQty": "0.01",
          "contractSize": "0.01", "minNotional": "0",
          "book": { "levels": 30, "size": "50", "growth": "1.2", "jitter": "0.4" },
          "path": [ { "at": "0s", "mark": "60000", "index": "59990", "rate": "0.0001" },
                    { "at": "1h", "mark": "60600", "index": "60590", "rate": "0.0002" } ] }
      ]
    }
    """;
}
