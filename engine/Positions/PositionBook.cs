namespace FundingArb.Positions;

/// <summary>The positions the engine holds open. Written by the gateway thread, read by status and the report from any
/// thread. Holding and closing (monitor, ledger, journal) build on it.</summary>
public sealed class PositionBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, OpenPosition> _open = [];
    private long _opened;
    private long _closed;

    public long Opened => Interlocked.Read(ref _opened);
    public long Closed => Interlocked.Read(ref _closed);

    public int OpenCount
    {
        get
        {
            lock (_lock) return _open.Count;
        }
    }

    public void Add(OpenPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        lock (_lock)
        {
            if (!_open.TryAdd(position.PositionId, position))
                throw new InvalidOperationException($"Position {position.PositionId} is already open.");
        }
        Interlocked.Increment(ref _opened);
    }

    /// <summary>The position is confirmed flat on both venues; false if it was not open.</summary>
    public bool Remove(long positionId)
    {
        lock (_lock)
        {
            if (!_open.Remove(positionId)) return false;
        }
        Interlocked.Increment(ref _closed);
        return true;
    }

    public IReadOnlyList<OpenPosition> Snapshot()
    {
        lock (_lock) return [.. _open.Values.OrderBy(p => p.PositionId)];
    }
}
