using FundingArb.VenueSim.Books;

namespace FundingArb.VenueSim.Capture;

/// <summary>One instrument's captured book over time: snapshots (the whole book) and level changes, each at its offset
/// from the capture's start. Played into the simulated book step by step; the simulator numbers the changes itself,
/// so its depth streams stay continuous whatever gaps the capture had.</summary>
public sealed class CapturedBook
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public void Add(Entry entry) => _entries.Add(entry);

    /// <summary>Applies the entries from <paramref name="next"/> up to <paramref name="offset"/> to
    /// <paramref name="book"/> and returns where to go on from. The position belongs to the caller (one per simulated
    /// exchange), so one scenario can drive several simulators. Trades consume the replayed levels like any other; the
    /// next captured change of a level sets it again, as the venue's own book would.</summary>
    public int PlayUpTo(int next, TimeSpan offset, SimulatedBook book, DateTimeOffset at)
    {
        while (next < _entries.Count && _entries[next].At <= offset)
        {
            var entry = _entries[next++];
            if (entry.Reset) book.ReplaceAll(entry.Changes, at);
            else
                foreach (var change in entry.Changes) book.Set(change.Side, change.Price, change.Quantity, at);
        }
        return next;
    }

    /// <param name="Reset">The changes are the whole book: levels not named are removed.</param>
    public readonly record struct Entry(TimeSpan At, bool Reset, LevelChange[] Changes);
}
