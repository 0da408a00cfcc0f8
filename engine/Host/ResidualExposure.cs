using FundingArb.Decision;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Host;

/// <summary>What is left unhedged, from the venues' own position answers (never from the engine's memory): per instrument
/// the positions of every venue, in base units, should sum to zero. A non-zero sum is attributed to the venues holding
/// that side, largest first, up to what each holds; a position in a symbol the engine does not map is residual whole.</summary>
public static class ResidualExposure
{
    /// <param name="positions">Each venue's answer: its name and its non-zero positions.</param>
    /// <param name="rules">The venue's rules for an instrument (contract size), to convert venue units to base.</param>
    public static IReadOnlyList<ResidualLeg> Of(IEnumerable<(string Venue, VenueId Id, IReadOnlyList<PositionReport> Positions)> positions,
        Func<VenueId, InstrumentId, TradingRules?> rules, InstrumentRegistry registry)
    {
        var residual = new List<ResidualLeg>();
        var byInstrument = new Dictionary<InstrumentId, List<(string Venue, Quantity Base)>>();
        foreach (var (venue, id, reports) in positions)
        foreach (var position in reports)
        {
            if (position.Quantity.IsZero) continue;
            if (position.Instrument.IsNone || rules(id, position.Instrument) is not { } known)
            {
                residual.Add(ResidualLeg.Of(venue, position.VenueSymbol, position.Quantity));
                continue;
            }
            var magnitude = known.ToBaseQuantity(new Quantity(Math.Abs(position.Quantity.Raw)));
            var signed = position.Quantity.Raw < 0 ? new Quantity(-magnitude.Raw) : magnitude;
            if (!byInstrument.TryGetValue(position.Instrument, out var legs)) byInstrument[position.Instrument] = legs = [];
            legs.Add((venue, signed));
        }
        foreach (var (instrument, legs) in byInstrument.OrderBy(p => p.Key.Value))
        {
            var net = legs.Aggregate(0L, (sum, leg) => sum + leg.Base.Raw);
            if (net == 0) continue;
            var left = Math.Abs(net);
            foreach (var (venue, size) in legs.Where(l => Math.Sign(l.Base.Raw) == Math.Sign(net)).OrderByDescending(l => Math.Abs(l.Base.Raw))
                         .ThenBy(l => l.Venue, StringComparer.Ordinal))
            {
                if (left == 0) break;
                var part = Math.Min(left, Math.Abs(size.Raw));
                left -= part;
                residual.Add(ResidualLeg.Of(venue, registry.Canonical(instrument), new Quantity(Math.Sign(net) * part)));
            }
        }
        return residual;
    }
}
