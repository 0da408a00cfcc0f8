namespace FundingArb.Host;

/// <summary>Process exit codes scripts can rely on.</summary>
public static class ExitCode
{
    public const int Ok = 0;
    /// <summary>The run failed (an unhandled error, or a report that shows exposure left behind).</summary>
    public const int Failed = 1;
    /// <summary>The command line or the configuration is wrong; the message names the field and the fix.</summary>
    public const int Usage = 2;
    /// <summary>The mode exists in the command line but its implementation has not landed yet.</summary>
    public const int NotYetAvailable = 3;
}
