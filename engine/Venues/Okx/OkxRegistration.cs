using System.Runtime.CompilerServices;
using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Okx;

/// <summary>Makes OKX known to the engine when the module loads: adding a venue is adding its folder.</summary>
internal static class OkxRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        VenueDirectory.Register(OkxMarketData.Instance);
        ExecutionVenueDirectory.Register(OkxExecutionVenue.Instance);
    }
}
