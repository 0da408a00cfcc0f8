namespace FundingArb.VenueSim.Bybit;

/// <summary>Why a WebSocket <c>auth</c> was refused; the private stream and the trade API word each their own way.</summary>
public enum BybitAuthFailure
{
    /// <summary>Malformed args, or an <c>expires</c> that is not in the future.</summary>
    Params,
    UnknownKey,
    BadSign,
}
