namespace FundingArb.Market;

/// <summary>A venue interned to a small integer by <see cref="InstrumentRegistry.AddVenue"/>; 0 means none.</summary>
/// <remarks>Not an enum of known venues: a venue is added by adding its folder under Venues/, nothing else.</remarks>
public readonly record struct VenueId(byte Value)
{
    public const int MaxVenues = 16;
    public static VenueId None => default;
    public bool IsNone => Value == 0;
    public int Index => Value - 1;
    public override string ToString() => $"venue#{Value}";
}
