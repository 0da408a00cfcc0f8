using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Bybit v5 REST: the fallback for orders and the path for queries, account set-up and server time. Signs with
/// the <c>X-BAPI-*</c> headers over exactly the bytes sent, reads the return code of the envelope (HTTP 200 carries
/// refusals too), feeds the <c>X-Bapi-Limit*</c> headers to the rate limits and honours a 403 IP ban. Every failure comes
/// back as a <see cref="BybitRestReply"/> with its reason; nothing throws for a refusal or a broken connection.</summary>
internal sealed class BybitRestClient(HttpClient http, Uri restBase, ApiCredentials credentials, BybitSigner signer, BybitRateLimits limits,
    ClockOffset clock, int recvWindowMs)
{
    public const string ApiKeyHeader = "X-BAPI-API-KEY";
    public const string TimestampHeader = "X-BAPI-TIMESTAMP";
    public const string SignHeader = "X-BAPI-SIGN";
    public const string RecvWindowHeader = "X-BAPI-RECV-WINDOW";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Counts the request against <paramref name="endpoint"/>'s limit and the IP's, then sends; refused locally
    /// (never sent) if it does not fit.</summary>
    public async Task<BybitRestReply> RequestAsync(HttpMethod method, string path, string? query, byte[]? body, BybitEndpoint endpoint, bool signed,
        CancellationToken cancellationToken)
    {
        if (!limits.TryAcquire(endpoint, rest: true, clock.NowUnixMs(), out var refusal)) return new BybitRestReply(0, null, refusal);
        return await SendAsync(method, path, query, body, endpoint, signed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one request already counted against the limits. A GET signs its query string, a POST its JSON body.</summary>
    public async Task<BybitRestReply> SendAsync(HttpMethod method, string path, string? query, byte[]? body, BybitEndpoint endpoint, bool signed,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(restBase, string.IsNullOrEmpty(query) ? path : path + "?" + query));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        if (signed) Sign(request, query, body);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var nowMs = clock.NowUnixMs();
            var reset = Header(response, "X-Bapi-Limit-Reset-Timestamp");
            limits.Observe(endpoint, (int)Header(response, "X-Bapi-Limit"), (int)Header(response, "X-Bapi-Limit-Status"), reset, nowMs);
            long retryAfterMs = 0;
            if (status == 403) retryAfterMs = limits.BanRest(nowMs);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var error = ReadEnvelope(bytes, status, out var retCode);
            if (retCode is 10006 or 10018)
            {
                retryAfterMs = reset > nowMs ? reset : nowMs + 1000;
                limits.Block(endpoint, retryAfterMs);
                error = BybitErrorMap.FromVenue(error.VenueCode, error.MessageUtf8, status, retryAfterMs);
            }
            else if (retryAfterMs != 0) error = new ExecutionError(error.Kind, error.VenueCode, error.MessageUtf8, retryAfterMs);
            return error.IsError ? new BybitRestReply(status, null, error) : new BybitRestReply(status, bytes, default);
        }
        catch (HttpRequestException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
        catch (OperationCanceledException e)
        {
            return Failed(ExecutionErrorKind.Timeout, e); // HttpClient.Timeout or the caller's token: outcome unknown either way
        }
        catch (IOException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
    }

    private void Sign(HttpRequestMessage request, string? query, byte[]? body)
    {
        var timestamp = clock.NowUnixMs();
        Span<byte> sign = stackalloc byte[BybitSigner.SignatureLength];
        signer.SignRequest(timestamp, recvWindowMs, body ?? Encoding.ASCII.GetBytes(query ?? ""), sign);
        var headers = request.Headers;
        headers.TryAddWithoutValidation(ApiKeyHeader, credentials.ApiKey);
        headers.TryAddWithoutValidation(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(RecvWindowHeader, recvWindowMs.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(SignHeader, Encoding.ASCII.GetString(sign));
    }

    // The exception's message names the transport's failure (host, socket error); the request's headers — which carry
    // the signature, never the secret — are not part of it.
    private static BybitRestReply Failed(ExecutionErrorKind kind, Exception e) =>
        new(0, null, ExecutionError.Local(kind, Encoding.UTF8.GetBytes(e.GetType().Name + ": " + e.Message)));

    /// <summary>The envelope's <c>retCode</c>/<c>retMsg</c> as an error (none for 0 under HTTP 200).</summary>
    private static ExecutionError ReadEnvelope(byte[] body, int status, out int retCode)
    {
        retCode = 0;
        var hasCode = false;
        var scratch = new byte[ExecutionError.MaxMessageLength]; // REST allocates anyway; a stack buffer could not outlive the reader
        scoped ReadOnlySpan<byte> message = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("retCode"u8))
                    {
                        reader.Read();
                        hasCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out retCode);
                    }
                    else if (reader.ValueTextEquals("retMsg"u8))
                    {
                        reader.Read();
                        message = BybitJson.Message(ref reader, scratch);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            hasCode = false;
        }
        if (hasCode && retCode == 0 && status == 200) return default;
        if (hasCode) return BybitErrorMap.FromVenue(retCode, message, status);
        return new ExecutionError(BybitErrorMap.KindOfStatus(status) is var kind && kind != ExecutionErrorKind.None ? kind : ExecutionErrorKind.VenueUnavailable, 0,
            Encoding.UTF8.GetBytes($"HTTP {status.ToString(CultureInfo.InvariantCulture)} without a Bybit envelope"));
    }

    private static long Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : -1;
}
