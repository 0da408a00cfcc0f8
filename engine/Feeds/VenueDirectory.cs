namespace FundingArb.Feeds;

/// <summary>The venues this build knows. Each venue's folder registers itself from a module initializer, so adding a
/// venue is adding its folder.</summary>
public static class VenueDirectory
{
    private static readonly Lock Gate = new();
    private static IMarketDataVenue[] _venues = [];

    public static IReadOnlyList<IMarketDataVenue> All => Volatile.Read(ref _venues);

    public static IEnumerable<string> Names => All.Select(v => v.Name);

    public static void Register(IMarketDataVenue venue)
    {
        lock (Gate)
        {
            if (_venues.Any(v => v.Name == venue.Name))
                throw new InvalidOperationException($"Venue '{venue.Name}' is registered twice.");
            Volatile.Write(ref _venues, [.. _venues, venue]);
        }
    }

    public static bool TryGet(string name, out IMarketDataVenue venue)
    {
        venue = All.FirstOrDefault(v => v.Name == name)!;
        return venue is not null;
    }
}
