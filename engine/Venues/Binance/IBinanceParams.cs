namespace FundingArb.Venues.Binance;

/// <summary>Where a Binance request's parameters go: a REST query string, or a WS API <c>params</c> object plus its
/// signing payload. Requests are written once, against this, in ascending name order (what the WS API signs).</summary>
internal interface IBinanceParams
{
    /// <summary>A STRING or DECIMAL parameter (a JSON string in the WS API).</summary>
    void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>An INT parameter (a JSON number in the WS API: "INT parameters such as timestamp are expected as JSON integers").</summary>
    void Integer(ReadOnlySpan<byte> name, long value);
}
