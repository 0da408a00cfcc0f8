using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Venues.Okx;

/// <summary>OKX v5 REST: the fallback for orders and the path for queries, account settings, bills and server time.
/// Sends the signed headers it is given (<c>OK-ACCESS-KEY</c>, <c>-SIGN</c>, <c>-TIMESTAMP</c>, <c>-PASSPHRASE</c>; plus
/// <c>x-simulated-trading: 1</c> in demo trading), reads the <c>{"code","msg","data"}</c> envelope, and feeds 429 and
/// <c>50011</c> to the rate limits. Every failure comes back as an <see cref="OkxRestReply"/> with its reason; nothing
/// throws for a refusal or a broken connection.</summary>
internal sealed class OkxRestClient(HttpClient http, OkxExecutionEndpoints endpoints, ApiCredentials credentials, OkxRateLimits limits, ClockOffset clock)
{
    /// <summary>One request, already counted against the limits. <paramref name="signature"/> null: a public request.</summary>
    public async Task<OkxRestReply> SendAsync(HttpMethod method, string requestPath, byte[]? body, (string Timestamp, string Sign)? signature,
        OkxRequestKind kind, InstrumentId instrument, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoints.Rest, requestPath));
        if (signature is { } s)
        {
            request.Headers.TryAddWithoutValidation("OK-ACCESS-KEY", credentials.ApiKey);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", s.Sign);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", s.Timestamp);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-PASSPHRASE", credentials.Passphrase ?? "");
        }
        if (endpoints.Simulated) request.Headers.TryAddWithoutValidation("x-simulated-trading", "1");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (code, error) = Envelope(bytes, status);
            long retryAfterMs = 0;
            if (status == 429 || code == 50011) retryAfterMs = limits.OnVenueLimit(kind, instrument, clock.NowUnixMs());
            if (status == 200 && code is 0 or 1 or 2) return new OkxRestReply(status, bytes, default);
            return new OkxRestReply(status, null, code > 0
                ? OkxErrorMap.FromVenue(code, error.MessageUtf8, status, retryAfterMs)
                : new ExecutionError(OkxErrorMap.KindOfStatus(status) is var kindOfStatus && kindOfStatus != ExecutionErrorKind.None ? kindOfStatus : ExecutionErrorKind.VenueUnavailable,
                    0, Encoding.UTF8.GetBytes($"HTTP {status.ToString(CultureInfo.InvariantCulture)} without an OKX answer"), retryAfterMs));
        }
        catch (HttpRequestException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
        catch (OperationCanceledException e)
        {
            return Failed(ExecutionErrorKind.Timeout, e); // HttpClient.Timeout, or the caller gave up: the outcome is unknown either way
        }
        catch (IOException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
    }

    // The exception's message names the transport's failure (host, socket error); headers — which carry the signature,
    // never the secret — are not part of it.
    private static OkxRestReply Failed(ExecutionErrorKind kind, Exception e) =>
        new(0, null, ExecutionError.Local(kind, Encoding.UTF8.GetBytes(e.GetType().Name + ": " + e.Message)));

    /// <summary>The envelope's code (-1 when the body is not one) and message.</summary>
    private static (int Code, ExecutionError Message) Envelope(byte[] body, int status)
    {
        var code = -1;
        ExecutionError message = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (-1, default);
            var scratch = new byte[ExecutionError.MaxMessageLength];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("msg"u8);
                reader.Read();
                if (isCode) code = OkxJson.ReadCode(ref reader);
                else if (isMessage) message = ExecutionError.Local(ExecutionErrorKind.Rejected, scratch.AsSpan(0, OkxJson.ReadMessage(ref reader, scratch)));
                else reader.Skip();
            }
        }
        catch (JsonException)
        {
            return (-1, default);
        }
        return (status >= 500 && code <= 0 ? -1 : code, message);
    }
}
