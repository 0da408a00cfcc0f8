using Microsoft.Extensions.Hosting;

namespace FundingArb.VenueSim.Hosting;

/// <summary>Keeps each venue's web host out of the process's signals. The default console lifetime would take SIGINT and
/// SIGTERM for itself (cancelling them so the process does not end) and stop only its own listener; the simulator is
/// embedded in tests and in <c>funding-arb paper</c>, whose owner decides when everything stops.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
