namespace FundingArb.Bench.Gateway;

/// <summary>The frame that flips a pair to "open" in the tick-to-trade benchmarks: a funding frame on the venue whose
/// rate jumps (that venue is then the short leg, the other the long).</summary>
public enum TickTrigger
{
    /// <summary>Binance <c>&lt;symbol&gt;@markPrice@1s</c>, combined-stream envelope (≈ 200 B): short Binance, long OKX.</summary>
    BinanceMarkPrice,

    /// <summary>OKX <c>funding-rate</c> push in the docs' shape (≈ 480 B): short OKX, long Binance.</summary>
    OkxFundingRate,
}
