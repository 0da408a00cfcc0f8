namespace FundingArb.VenueSim.Binance;

public enum BinanceStreamKind
{
    Unknown,
    DiffDepth,
    PartialDepth,
    BookTicker,
    MarkPrice,
    AllMarkPrice,
    UserData,
}

/// <summary>A stream name as clients spell it: <c>btcusdt@depth@100ms</c>, <c>btcusdt@depth5@500ms</c>,
/// <c>btcusdt@bookTicker</c>, <c>btcusdt@markPrice@1s</c>, <c>!markPrice@arr</c>; on /private, a listenKey.
/// <see cref="IntervalMs"/> is the push period (0 = on every change).</summary>
public readonly record struct BinanceStreamName(string Name, BinanceStreamKind Kind, string? Symbol, int Levels, int IntervalMs)
{
    /// <summary>The route that carries this kind of stream.</summary>
    public BinanceRoute Route => Kind switch
    {
        BinanceStreamKind.DiffDepth or BinanceStreamKind.PartialDepth or BinanceStreamKind.BookTicker => BinanceRoute.Public,
        BinanceStreamKind.MarkPrice or BinanceStreamKind.AllMarkPrice => BinanceRoute.Market,
        BinanceStreamKind.UserData => BinanceRoute.Private,
        _ => BinanceRoute.Market, // other market streams live on /market; this simulator sends nothing on them
    };

    /// <summary>Whether a connection on <paramref name="route"/> delivers this stream.</summary>
    public bool DeliversOn(BinanceRoute route) =>
        Kind != BinanceStreamKind.Unknown && (route == Route || (route == BinanceRoute.Legacy && Route == BinanceRoute.Public));

    public static BinanceStreamName Parse(string name, BinanceRoute route)
    {
        if (route == BinanceRoute.Private) return new(name, BinanceStreamKind.UserData, null, 0, 0);
        if (name is "!markPrice@arr") return new(name, BinanceStreamKind.AllMarkPrice, null, 0, 3000);
        if (name is "!markPrice@arr@1s") return new(name, BinanceStreamKind.AllMarkPrice, null, 0, 1000);
        var at = name.IndexOf('@');
        if (at <= 0) return Unknown(name);
        var symbolPart = name[..at];
        // Stream names carry the symbol in lower case; "BTCUSDT@depth" is not a stream Binance serves.
        if (symbolPart != symbolPart.ToLowerInvariant()) return Unknown(name);
        var symbol = symbolPart.ToUpperInvariant();
        var rest = name[(at + 1)..];
        return rest switch
        {
            "depth" => new(name, BinanceStreamKind.DiffDepth, symbol, 0, 250),
            "depth@100ms" => new(name, BinanceStreamKind.DiffDepth, symbol, 0, 100),
            "depth@500ms" => new(name, BinanceStreamKind.DiffDepth, symbol, 0, 500),
            "bookTicker" => new(name, BinanceStreamKind.BookTicker, symbol, 0, 0),
            "markPrice" => new(name, BinanceStreamKind.MarkPrice, symbol, 0, 3000),
            "markPrice@1s" => new(name, BinanceStreamKind.MarkPrice, symbol, 0, 1000),
            _ => PartialDepth(name, symbol, rest),
        };
    }

    private static BinanceStreamName PartialDepth(string name, string symbol, string rest)
    {
        foreach (var levels in (ReadOnlySpan<int>)[5, 10, 20])
        {
            var stem = "depth" + levels;
            if (rest == stem) return new(name, BinanceStreamKind.PartialDepth, symbol, levels, 250);
            if (rest == stem + "@100ms") return new(name, BinanceStreamKind.PartialDepth, symbol, levels, 100);
            if (rest == stem + "@500ms") return new(name, BinanceStreamKind.PartialDepth, symbol, levels, 500);
        }
        return Unknown(name);
    }

    private static BinanceStreamName Unknown(string name) => new(name, BinanceStreamKind.Unknown, null, 0, 0);
}
