namespace FundingArb.VenueSim.Scenarios;

/// <summary>Reads a hand-written input file (a scenario, a fault script); a file that cannot be read becomes the
/// caller's own exception, so its message can name the option and the file.</summary>
public static class InputFile
{
    public static string Read(string path, Func<Exception, Exception> unreadable)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw unreadable(e);
        }
    }
}
