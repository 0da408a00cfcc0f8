using Microsoft.AspNetCore.Http;

namespace FundingArb.VenueSim.Faults;

/// <summary>The venue-specific part of REST fault injection: what a request is, and how the venue spells the
/// failures <see cref="Hosting.FaultMiddleware"/> injects. Each front end implements it once (Binance:
/// <c>BinanceFaultWire</c>); README, "Fault injection", lists the rest of a front end's part.</summary>
public interface IFaultWire
{
    /// <summary>The operation a REST request performs, for rules that name one.</summary>
    ApiOperation Classify(HttpRequest request);

    /// <summary>The venue's answer to a request that hit a <see cref="FaultKind.ServerError"/> (status
    /// <see cref="FaultRule.Status"/>; <see cref="FaultRule.Executed"/> says whether the request was carried out, so an
    /// "execution status unknown" body fits).</summary>
    HttpAnswer ServerError(FaultRule fault);

    /// <summary>The venue's rate-limit answer (<see cref="FaultRule.Status"/> 429 or 418, <see cref="FaultRule.RetryAfter"/>)
    /// with its rate-limit headers; <paramref name="wallNow"/> for venues that print a time.</summary>
    HttpAnswer RateLimited(FaultRule fault, DateTimeOffset wallNow);

    /// <summary>The venue's answer while it is down (<see cref="OutageMode.Unavailable"/>): typically 503.</summary>
    HttpAnswer Unavailable(FaultRule outage);
}
