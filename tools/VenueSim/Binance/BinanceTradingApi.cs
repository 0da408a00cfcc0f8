using System.Globalization;
using System.Text;
using System.Text.Json;
using FundingArb.VenueSim.Exchange;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Streaming;
using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Binance;

/// <summary>The USDⓈ-M WebSocket API (/ws-fapi/v1): order.place, order.cancel, order.status. Requests are
/// {"id", "method", "params"}; params carry apiKey, timestamp and signature, the signature being hex HMAC-SHA256 of
/// every other param sorted by name as name=value joined by '&amp;' (websocket-api-general-info). Answers are
/// {"id", "status", "result"} or {"id", "status", "error": {"code", "msg"}}, each with "rateLimits".</summary>
/// <remarks>Request faults (latency, server error, rate limit, reset) meet each request frame here: latency holds the
/// answer on the wall clock, a reset drops the connection instead of answering.</remarks>
public sealed class BinanceTradingApi(SimulatedExchange exchange, BinanceTradingEndpoints trading, BinanceFaultWire faultWire,
    TimeProvider marketClock, TimeProvider wallClock)
{
    public async Task AcceptAsync(HttpContext http, CancellationToken stop)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new StreamConnection(socket, http.Request.Path + http.Request.QueryString);
        await exchange.Faults.Connections.RunAsync(connection, ConnectionKind.Trading, (c, text) =>
        {
            var (answer, fault) = Handle(text);
            fault.Deliver(c, answer, wallClock);
            return ValueTask.CompletedTask;
        }, stop);
    }

    /// <summary>Answers one request frame, and says which request faults hit it.</summary>
    public (byte[] Answer, RequestFault Fault) Handle(string text)
    {
        string? idJson = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Plain(null, new BinanceError(400, -1013, "INVALID_MESSAGE"));
            if (root.TryGetProperty("id", out var id)) idJson = id.GetRawText();
            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
                return Plain(idJson, BinanceError.MandatoryParameter("method"));
            var method = methodElement.GetString()!;
            if (method.StartsWith("v1/", StringComparison.Ordinal)) method = method[3..];
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object)
                foreach (var property in p.EnumerateObject())
                    parameters[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => property.Value.GetRawText(),
                    };
            Func<BinanceRequest, BinanceReply>? handler = method switch
            {
                "order.place" => trading.NewOrder,
                "order.cancel" => trading.CancelOrder,
                "order.status" => trading.QueryOrder,
                _ => null,
            };
            if (handler is null) return Plain(idJson, new BinanceError(400, -1020, "This operation is not supported."));
            exchange.AdvanceTo(marketClock.GetUtcNow()); // requests see the market as of now even when the step timer runs late
            var fault = exchange.Faults.DecideRequest(BinanceFaultWire.ClassifyMethod(method), ApiTransport.WebSocket, marketClock.GetUtcNow());
            var reply = default(BinanceReply);
            if (fault.Executes)
            {
                var request = BinanceRequest.FromParameters(parameters);
                reply = Verify(parameters, request) is { } error ? error : handler(request);
            }
            reply = fault.Answer?.Kind switch
            {
                FaultKind.ServerError => BinanceFaultWire.ServerErrorOf(fault.Answer),
                FaultKind.RateLimit => faultWire.RateLimitOf(fault.Answer),
                _ => reply,
            };
            return (Answer(idJson, reply), fault);
        }
        catch (JsonException)
        {
            return Plain(idJson, new BinanceError(400, -1013, "INVALID_MESSAGE"));
        }
    }

    private static (byte[], RequestFault) Plain(string? idJson, BinanceReply reply) => (Answer(idJson, reply), RequestFault.None);

    private BinanceError? Verify(Dictionary<string, string> parameters, BinanceRequest request)
    {
        if (!parameters.TryGetValue("apiKey", out var key) || key.Length == 0) return BinanceError.MandatoryParameter("apiKey");
        if (!exchange.TryGetAccount(key, out var account)) return BinanceError.RejectedApiKey;
        if (!parameters.TryGetValue("timestamp", out var ts) || !BinanceRequest.TryParseLong(ts, out var timestamp)) return BinanceError.MandatoryParameter("timestamp");
        if (!parameters.TryGetValue("signature", out var signature)) return BinanceError.MandatoryParameter("signature");
        var payload = string.Join('&', parameters.Where(kv => kv.Key != "signature").OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        if (!string.Equals(BinanceSignature.Sign(account.Secret, payload), signature, StringComparison.OrdinalIgnoreCase)) return BinanceError.InvalidSignature;
        if (BinanceSignature.CheckTiming(parameters.GetValueOrDefault("recvWindow"), timestamp, wallClock.GetUtcNow().ToUnixTimeMilliseconds()) is { } late) return late;
        request.Account = account;
        return null;
    }

    private static byte[] Answer(string? idJson, BinanceReply reply)
    {
        var body = Encoding.UTF8.GetString(reply.Body);
        var builder = new StringBuilder();
        builder.Append("{\"id\":").Append(idJson ?? "null")
            .Append(",\"status\":").Append(reply.Status.ToString(CultureInfo.InvariantCulture))
            .Append(reply.Status == 200 ? ",\"result\":" : ",\"error\":").Append(body)
            .Append(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400,\"count\":1},")
            .Append("{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":300,\"count\":0},")
            .Append("{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1200,\"count\":0}]}");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
