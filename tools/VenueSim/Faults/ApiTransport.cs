namespace FundingArb.VenueSim.Faults;

/// <summary>How a request arrived: REST, or a request frame on the venue's WebSocket trading API.</summary>
public enum ApiTransport
{
    Rest,
    WebSocket,
}
