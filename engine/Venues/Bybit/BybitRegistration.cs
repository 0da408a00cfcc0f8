using System.Runtime.CompilerServices;
using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Bybit;

/// <summary>Makes Bybit known to the engine when the module loads: adding a venue is adding its folder.</summary>
internal static class BybitRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        VenueDirectory.Register(BybitMarketData.Instance);
        ExecutionVenueDirectory.Register(BybitExecutionVenue.Instance);
    }
}
