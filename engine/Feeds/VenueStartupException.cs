namespace FundingArb.Feeds;

/// <summary>A venue could not be brought up: its metadata could not be fetched or read. Names the venue and the request.</summary>
public sealed class VenueStartupException(string venue, string request, string reason, Exception? inner = null)
    : Exception($"{venue}: GET {request}: {reason}", inner)
{
    public string Venue { get; } = venue;
}
