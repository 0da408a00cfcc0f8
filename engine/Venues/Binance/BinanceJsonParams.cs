using System.Text.Json;

namespace FundingArb.Venues.Binance;

/// <summary>WS API parameters: each goes into the request's <c>params</c> object and, as <c>name=value</c>, into the
/// signing payload — in one pass, so what is signed is exactly what is sent.</summary>
internal struct BinanceJsonParams(Utf8JsonWriter json, byte[] payloadBuffer) : IBinanceParams
{
    private BinanceQueryParams _payload = new(payloadBuffer);

    public readonly ReadOnlySpan<byte> Payload => _payload.Written;

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        json.WriteString(name, value);
        _payload.Text(name, value);
    }

    public void Integer(ReadOnlySpan<byte> name, long value)
    {
        json.WriteNumber(name, value);
        _payload.Integer(name, value);
    }
}
