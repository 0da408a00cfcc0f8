using FundingArb.Market;

namespace FundingArb.Replay;

/// <summary>A <see cref="TimeProvider"/> that moves only when told to: replay sets it to each captured line's
/// receive time, tests advance it step by step. Timers fire during <see cref="AdvanceTo"/> in due-time order
/// (ties in arming order), each seeing the clock at its own due time, so the same inputs always give the
/// same sequence of callbacks. Timers due at the same time fire in the order they were (last) armed.</summary>
/// <remarks>Timestamps are unix nanoseconds (<see cref="TimestampFrequency"/> = 10^9), the unit of the capture
/// format's <c>t</c>. Timer callbacks run on the thread that advances the clock, outside the clock's lock, so a
/// callback may create, change or dispose timers.</remarks>
public sealed class VirtualClock : TimeProvider, IUnixNanosecondClock
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
        while (TryTakeDue(unixNs, out var timer, out var due, out var order))
        {
            Volatile.Write(ref _nowNs, due);
            timer.Fire(order);
        }
        lock (_lock) _nowNs = Math.Max(_nowNs, unixNs); // a callback may have advanced the clock further
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

    private bool TryTakeDue(long limitNs, out VirtualTimer timer, out long due, out long order)
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out timer!, out var priority) && priority.Due <= limitNs)
            {
                _queue.Dequeue();
                if (!timer.TryClaimFiring(priority.Order)) continue; // changed or disposed since it was queued
                due = Math.Max(priority.Due, _nowNs);
                order = priority.Order;
                return true;
            }
        }
        timer = null!;
        due = 0;
        order = 0;
        return false;
    }

    /// <summary>Arms (or disarms, for an infinite due time) a timer. Caller holds <see cref="_lock"/>.</summary>
    private void ScheduleLocked(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        var order = ++_nextOrder;
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            timer.Arm(order, period, armed: false);
            return;
        }
        timer.Arm(order, period, armed: true);
        _queue.Enqueue(timer, (checked(_nowNs + dueTime.Ticks * NanosPerTick), order));
    }

    /// <remarks>All of a timer's state is guarded by its clock's lock, and each check-then-act (change, dispose, re-arm
    /// after firing) happens inside one hold of it. The queue entry whose order matches <c>_order</c> is the live one.</remarks>
    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _order;
        private bool _armed;
        private bool _disposed;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            if (period != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
            lock (clock._lock)
            {
                if (_disposed) return false;
                clock.ScheduleLocked(this, dueTime, period);
                return true;
            }
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

        /// <summary>Runs the callback for the firing claimed at <paramref name="order"/>; a periodic timer then re-arms
        /// from its due time, unless the callback or another thread changed or disposed it meanwhile.</summary>
        public void Fire(long order)
        {
            callback(state);
            lock (clock._lock)
            {
                if (_disposed || _order != order || _period == Timeout.InfiniteTimeSpan) return;
                clock.ScheduleLocked(this, _period, _period);
            }
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                _disposed = true;
                Arm(++clock._nextOrder, Timeout.InfiniteTimeSpan, armed: false);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
