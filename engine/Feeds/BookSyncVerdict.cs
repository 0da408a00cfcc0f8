namespace FundingArb.Feeds;

public enum BookSyncVerdict : byte
{
    /// <summary>In sequence: publish it.</summary>
    Apply = 0,
    /// <summary>Stale or duplicate: drop it; the book stays in sync.</summary>
    Drop = 1,
    /// <summary>A gap or a bad checksum: the book is lost; invalidate it and fetch or resubscribe a snapshot.</summary>
    Resync = 2,
    /// <summary>Not yet applicable (a delta that arrived before the snapshot it follows): hold it until the snapshot.</summary>
    Buffer = 3,
}
