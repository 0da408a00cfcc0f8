using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Hosting;

/// <summary>One venue's wire protocol served on one loopback port.</summary>
public interface IVenueFrontEnd : IAsyncDisposable
{
    VenueKind Venue { get; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = a free port) and returns the base URL.</summary>
    Task<Uri> StartAsync(int port, CancellationToken cancellationToken);
}
