namespace FundingArb.Venues.Okx;

/// <summary>The OKX v5 public channels (and REST market-data endpoints) the parser turns into events.</summary>
internal enum OkxChannel : byte
{
    /// <summary>No <c>arg.channel</c> seen (yet).</summary>
    None = 0,
    /// <summary>A channel we do not track (<c>tickers</c>, <c>trades</c>…).</summary>
    Unknown,
    /// <summary><c>funding-rate</c> (WS) / <c>GET /api/v5/public/funding-rate</c>.</summary>
    FundingRate,
    /// <summary><c>mark-price</c> (WS) / <c>GET /api/v5/public/mark-price</c>.</summary>
    MarkPrice,
    /// <summary><c>index-tickers</c> (WS) / <c>GET /api/v5/market/index-tickers</c>, keyed by index (<c>BTC-USDT</c>).</summary>
    IndexTickers,
    /// <summary><c>books</c>: a 400-level snapshot, then incremental updates chained by seqId/prevSeqId.</summary>
    Books,
    /// <summary><c>books5</c>: every push is a full 5-level snapshot; no action, no prevSeqId, no checksum.</summary>
    Books5,
    /// <summary><c>GET /api/v5/market/books</c>: a snapshot with an optional seqId and no prevSeqId.</summary>
    RestBooks,
}
