using System.Text.Json;
using FundingArb.VenueSim.Streaming;

namespace FundingArb.VenueSim.Bybit;

/// <summary>What a Bybit handler answers: <c>retCode</c>, <c>retMsg</c> and the <c>result</c> object as JSON. REST
/// wraps it in the common envelope (<see cref="Envelope"/>); the WebSocket trade API puts the same result in
/// <c>data</c>.</summary>
public readonly record struct BybitReply(int RetCode, string RetMsg, byte[] Result)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The HTTP status of a REST answer: 200, as Bybit answers refusals too, unless a fault scripts another.</summary>
    public int HttpStatus { get; init; } = 200;

    /// <summary>Set when the reply is a rate-limit refusal: when the limit frees up (wall-clock ms), announced as
    /// <c>X-Bapi-Limit-Reset-Timestamp</c> with <c>X-Bapi-Limit-Status</c> 0.</summary>
    public long? LimitResetMs { get; init; }

    public static BybitReply Ok() => new(0, "OK", EmptyObject);

    public static BybitReply Ok<TState>(TState state, Action<Utf8JsonWriter, TState> write, string message = "OK") =>
        new(0, message, JsonFrame.Build(state, write));

    public static implicit operator BybitReply(BybitError error) => new(error.Code, error.Message, EmptyObject);

    /// <summary>The common response: <c>{"retCode","retMsg","result","retExtInfo":{},"time"}</c> (docs/v5/guide).</summary>
    public byte[] Envelope(long timeMs) => JsonFrame.Build((this, timeMs), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode"u8, s.Item1.RetCode);
        w.WriteString("retMsg"u8, s.Item1.RetMsg);
        w.WritePropertyName("result"u8);
        w.WriteRawValue(s.Item1.Result, skipInputValidation: true);
        w.WriteStartObject("retExtInfo"u8);
        w.WriteEndObject();
        w.WriteNumber("time"u8, s.timeMs);
        w.WriteEndObject();
    });
}
