namespace FundingArb.Gateway;

/// <summary>The venues whose trading side is known to the engine, registered by each venue's folder when the module loads.</summary>
public static class ExecutionVenueDirectory
{
    private static IExecutionVenue[] _venues = [];
    private static readonly Lock Gate = new();

    public static IReadOnlyList<IExecutionVenue> All => Volatile.Read(ref _venues);

    public static void Register(IExecutionVenue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        lock (Gate)
        {
            if (_venues.Any(v => v.Name == venue.Name)) return;
            Volatile.Write(ref _venues, [.. _venues, venue]);
        }
    }

    public static bool TryGet(string name, out IExecutionVenue venue)
    {
        venue = All.FirstOrDefault(v => v.Name == name)!;
        return venue is not null;
    }
}
