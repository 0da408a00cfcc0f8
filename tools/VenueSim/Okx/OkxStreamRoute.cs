namespace FundingArb.VenueSim.Okx;

/// <summary>The WebSocket URL a connection came in on: /ws/v5/public (market data), /ws/v5/private (login, account
/// channels and the trade ops) or /ws/v5/business (candles, algo orders: login only here).</summary>
public enum OkxStreamRoute
{
    Public,
    Private,
    Business,
}
