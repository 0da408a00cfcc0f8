using System.Text.Json;

namespace FundingArb.VenueSim.Okx;

/// <summary>The per-order result of placing or canceling an order: one element of "data" in POST /trade/order,
/// /trade/cancel-order and the WebSocket "order" / "cancel-order" answers. sCode "0" means it succeeded.</summary>
public sealed record OkxOrderAck(string OrderId, string ClientOrderId, string Tag, string SCode, string SMsg, string SubCode, DateTimeOffset Time)
{
    public bool Succeeded => SCode == "0";

    public static OkxOrderAck Failed(OkxError error, string clientOrderId, string tag, DateTimeOffset time) =>
        new("", clientOrderId, tag, error.Code, error.Message, error.SubCode, time);

    public void Write(Utf8JsonWriter w, bool withTag, bool withSubCode)
    {
        w.WriteStartObject();
        w.WriteString("clOrdId"u8, ClientOrderId);
        w.WriteString("ordId"u8, OrderId);
        if (withTag) w.WriteString("tag"u8, Tag);
        w.WriteString("ts"u8, OkxWire.Ms(Time));
        w.WriteString("sCode"u8, SCode);
        w.WriteString("sMsg"u8, SMsg);
        if (withSubCode) w.WriteString("subCode"u8, SubCode);
        w.WriteEndObject();
    }
}
