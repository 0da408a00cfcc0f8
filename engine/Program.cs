using FundingArb.Host;

namespace FundingArb;

internal static class Program
{
    private static int Main(string[] args) => EngineCli.Invoke(args);
}
