using System.Globalization;
using System.Text;
using System.Text.Json;
using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Binance USDⓈ-M REST: the fallback for orders and the path for queries, listen keys and server time. Reads
/// the weight and order-count headers into the rate limits and honours <c>Retry-After</c> on 429/418. Every failure comes
/// back as a <see cref="BinanceRestReply"/> with its reason; nothing throws for a refusal or a broken connection.</summary>
internal sealed class BinanceRestClient(HttpClient http, Uri restBase, ApiCredentials credentials, BinanceRateLimits limits, ClockOffset clock)
{
    public const string ApiKeyHeader = "X-MBX-APIKEY";

    /// <summary>Counts <paramref name="weight"/> against the limits, then sends; refused locally (never sent) if it does not fit.</summary>
    public async Task<BinanceRestReply> RequestAsync(HttpMethod method, string path, string? query, bool withKey, int weight, CancellationToken cancellationToken)
    {
        if (!limits.TryAcquire(weight, isOrder: false, clock.NowUnixMs(), out var refusal)) return new BinanceRestReply(0, null, refusal);
        return await SendAsync(method, path, query, withKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one request already counted against the limits (<see cref="BinanceRateLimits.TryAcquire"/>).
    /// <paramref name="query"/> is sent as the query string whatever the method (general-info allows it for POST too),
    /// so the signature covers exactly the bytes sent.</summary>
    public async Task<BinanceRestReply> SendAsync(HttpMethod method, string path, string? query, bool withKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(restBase, query is null ? path : path + "?" + query));
        if (withKey) request.Headers.TryAddWithoutValidation(ApiKeyHeader, credentials.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var nowMs = clock.NowUnixMs();
            limits.Observe(Header(response, "X-MBX-USED-WEIGHT-1M"), Header(response, "X-MBX-ORDER-COUNT-10S"), Header(response, "X-MBX-ORDER-COUNT-1M"), nowMs);
            long retryAfterMs = 0;
            if (status is 429 or 418)
            {
                retryAfterMs = nowMs + RetryAfterSeconds(response, clock.Clock.GetUtcNow(), status) * 1000L;
                limits.BlockUntil(retryAfterMs);
            }
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (status == 200) return new BinanceRestReply(status, body, default);
            var error = ErrorOf(body, status, retryAfterMs);
            if (status is 429 or 418) limits.BlockUntil(error.RetryAfterMs); // the body's "banned until" may outlast the header
            return new BinanceRestReply(status, null, error);
        }
        catch (HttpRequestException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(ExecutionErrorKind.Timeout, e); // HttpClient.Timeout
        }
        catch (OperationCanceledException e)
        {
            return Failed(ExecutionErrorKind.Timeout, e);
        }
        catch (IOException e)
        {
            return Failed(ExecutionErrorKind.Disconnected, e);
        }
    }

    // The exception's message names the transport's failure (host, socket error); the request's query — which carries
    // the signature, never the secret — is not part of it.
    private static BinanceRestReply Failed(ExecutionErrorKind kind, Exception e) =>
        new(0, null, ExecutionError.Local(kind, Encoding.UTF8.GetBytes(e.GetType().Name + ": " + e.Message)));

    private static ExecutionError ErrorOf(byte[] body, int status, long retryAfterMs)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                return BinanceJson.ReadError(ref reader, status, retryAfterMs, new byte[256]);
        }
        catch (JsonException)
        {
        }
        return new ExecutionError(BinanceErrorMap.KindOfStatus(status), 0,
            Encoding.UTF8.GetBytes($"HTTP {status.ToString(CultureInfo.InvariantCulture)} without a Binance error body"), retryAfterMs);
    }

    private static int Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : -1;

    /// <summary>Seconds from <c>Retry-After</c> (delta or date); when absent 1 for a 429, so it always backs off, and
    /// minutes for a 418 (an IP ban), unless its body says when the ban ends.</summary>
    private static int RetryAfterSeconds(HttpResponseMessage response, DateTimeOffset now, int status)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta) return Math.Max(1, (int)Math.Ceiling(delta.TotalSeconds));
        if (retry?.Date is { } date) return Math.Max(1, (int)Math.Ceiling((date - now).TotalSeconds));
        return status == 418 ? (int)(BinanceWsApi.BanWithoutEndMs / 1000) : 1;
    }
}
