using System.Runtime.CompilerServices;
using FundingArb.Feeds;
using FundingArb.Gateway;

namespace FundingArb.Venues.Binance;

/// <summary>Makes Binance known to the engine when the module loads: adding a venue is adding its folder.</summary>
internal static class BinanceRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        VenueDirectory.Register(BinanceMarketData.Instance);
        ExecutionVenueDirectory.Register(BinanceExecutionVenue.Instance);
    }
}
