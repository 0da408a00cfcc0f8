namespace FundingArb.Replay;

/// <summary>A <see cref="TimeProvider"/> that moves only when told to: replay sets it to each captured line's
/// receive time, tests advance it step by step. Timers fire during <see cref="AdvanceTo"/> in due-time order
/// (ties in creation order), each seeing the clock at its own due time, so the same inputs always give the
/// same sequence of callbacks.</summary>
/// <remarks>Timestamps are unix nanoseconds (<see cref="TimestampFrequency"/> = 10^9), the unit of the capture
/// format's <c>t</c>. Timer callbacks run on the thread that advances the clock, outside the clock's lock, so a
/// callback may create, change or dispose timers.</remarks>
public sealed class VirtualClock : TimeProvider
{
    private const long NanosPerTick = 100; // DateTimeOffset resolution

    private readonly Lock _lock = new();
    private readonly PriorityQueue<VirtualTimer, (long Due, long Order)> _queue = new();
    private long _nowNs;
    private long _nextOrder;

    public VirtualClock(long startUnixNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startUnixNs);
        _nowNs = startUnixNs;
    }

    public VirtualClock(DateTimeOffset start) : this((start - DateTimeOffset.UnixEpoch).Ticks * NanosPerTick)
    {
    }

    public long UnixNanoseconds => Volatile.Read(ref _nowNs);

    public override long TimestampFrequency => 1_000_000_000L;
    public override long GetTimestamp() => UnixNanoseconds;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(UnixNanoseconds / NanosPerTick);

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(checked(UnixNanoseconds + delta.Ticks * NanosPerTick));
    }

    /// <summary>Moves the clock forward to <paramref name="unixNs"/>, firing every timer due on the way.
    /// Moving backwards is refused: a clock that runs back would reorder timeouts.</summary>
    public void AdvanceTo(long unixNs)
    {
        if (unixNs < UnixNanoseconds)
            throw new ArgumentOutOfRangeException(nameof(unixNs), unixNs,
                $"The virtual clock is at {UnixNanoseconds} ns and cannot move back.");
        while (TryTakeDue(unixNs, out var timer, out var due))
        {
            Volatile.Write(ref _nowNs, due);
            timer.Fire();
        }
        Volatile.Write(ref _nowNs, unixNs);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers armed and not yet fired or disposed.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                var n = 0;
                foreach (var (timer, priority) in _queue.UnorderedItems)
                    if (timer.IsArmedAt(priority.Order)) n++;
                return n;
            }
        }
    }

    private bool TryTakeDue(long limitNs, out VirtualTimer timer, out long due)
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out timer!, out var priority) && priority.Due <= limitNs)
            {
                _queue.Dequeue();
                if (!timer.TryClaimFiring(priority.Order)) continue; // changed or disposed since it was queued
                due = Math.Max(priority.Due, _nowNs);
                return true;
            }
        }
        timer = null!;
        due = 0;
        return false;
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            var order = ++_nextOrder;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.Arm(order, period, armed: false);
                return;
            }
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            timer.Arm(order, period, armed: true);
            _queue.Enqueue(timer, (checked(_nowNs + dueTime.Ticks * NanosPerTick), order));
        }
    }

    private void Cancel(VirtualTimer timer)
    {
        lock (_lock) timer.Arm(++_nextOrder, Timeout.InfiniteTimeSpan, armed: false);
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by the clock's lock: the queue entry whose order matches is the live one.
        private long _order;
        private bool _armed;
        private bool _disposed;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed)) return false;
            if (period != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Arm(long order, TimeSpan period, bool armed)
        {
            _order = order;
            _period = period;
            _armed = armed;
        }

        public bool IsArmedAt(long order) => _armed && _order == order;

        public bool TryClaimFiring(long order)
        {
            if (!IsArmedAt(order)) return false;
            _armed = false;
            return true;
        }

        public void Fire()
        {
            callback(state);
            // A periodic timer re-arms from its due time unless the callback changed or disposed it.
            lock (clock._lock)
            {
                if (_disposed || _armed || _period == Timeout.InfiniteTimeSpan) return;
            }
            clock.Schedule(this, _period, _period);
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            clock.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
