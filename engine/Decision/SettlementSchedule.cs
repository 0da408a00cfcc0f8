namespace FundingArb.Decision;

/// <summary>When one venue settles funding for one instrument: its next settlement and how often they come
/// (Binance and Bybit mostly 8 h, some 4 h or 1 h; OKX 8/6/4/2/1 h; Hyperliquid 1 h).</summary>
public readonly record struct SettlementSchedule
{
    public const long MsPerHour = 3_600_000;

    public SettlementSchedule(long nextSettlementMs, int intervalHours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nextSettlementMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalHours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intervalHours, 24);
        NextSettlementMs = nextSettlementMs;
        IntervalHours = intervalHours;
    }

    /// <summary>Unix ms of the settlement the current rate is paid at.</summary>
    public long NextSettlementMs { get; }
    public int IntervalHours { get; }
    public long IntervalMs => IntervalHours * MsPerHour;

    /// <summary>The first settlement strictly after <paramref name="timeMs"/>: the schedule is periodic both ways, so a
    /// known next settlement that has already passed projects forward by whole intervals.</summary>
    public long FirstAfter(long timeMs)
    {
        var intervals = Math.DivRem(timeMs - NextSettlementMs, IntervalMs, out var remainder);
        if (remainder < 0) intervals--; // floor, for times before the known next settlement
        return NextSettlementMs + (intervals + 1) * IntervalMs;
    }

    /// <summary>Settlements strictly inside (<paramref name="openMs"/>, <paramref name="closeMs"/>): only those pay a
    /// position for sure. One opened exactly at a settlement, or closed exactly at one, is not counted — the
    /// conservative side, since the venue's position snapshot at that instant may or may not include it.</summary>
    public int CountWithin(long openMs, long closeMs)
    {
        if (closeMs <= openMs) return 0;
        var first = FirstAfter(openMs);
        if (first >= closeMs) return 0;
        return (int)((closeMs - 1 - first) / IntervalMs) + 1;
    }
}
