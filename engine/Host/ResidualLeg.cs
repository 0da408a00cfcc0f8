using FundingArb.Market;

namespace FundingArb.Host;

/// <summary>One leg left exposed at the end of the run (the run report's <c>residualUnhedged</c>): its venue, canonical
/// instrument and base quantity as an exact decimal string, negative for a short (e.g. <c>-0.001</c>).</summary>
/// <remarks>The quantity is a string so that no reader turns 0.001 into 0.0010000000000000000208.</remarks>
public sealed record ResidualLeg(string Venue, string Instrument, string Qty)
{
    /// <param name="qty">Signed base quantity: positive long, negative short.</param>
    public static ResidualLeg Of(string venue, string instrument, Quantity qty) => new(venue, instrument, qty.ToString());
}
