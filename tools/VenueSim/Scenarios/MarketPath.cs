using FundingArb.VenueSim.Instruments;

namespace FundingArb.VenueSim.Scenarios;

/// <summary>One instrument's timeline: keyframes at offsets from the scenario start. Mark, index and rate are
/// interpolated linearly between keyframes and held after the last one; the book shape changes step-wise at the
/// keyframe that names it. With a loop period the timeline repeats.</summary>
public sealed class MarketPath
{
    private readonly Keyframe[] _keyframes;
    private readonly TimeSpan? _loop;

    public MarketPath(IReadOnlyList<Keyframe> keyframes, TimeSpan? loop)
    {
        if (keyframes.Count == 0) throw new ArgumentException("A path needs at least one keyframe.", nameof(keyframes));
        _keyframes = [.. keyframes];
        _loop = loop;
    }

    public IReadOnlyList<Keyframe> Keyframes => _keyframes;

    public MarketPoint Sample(TimeSpan sinceStart)
    {
        if (sinceStart < TimeSpan.Zero) sinceStart = TimeSpan.Zero;
        if (_loop is { } loop) sinceStart = TimeSpan.FromTicks(sinceStart.Ticks % loop.Ticks);
        var next = 0;
        while (next < _keyframes.Length && _keyframes[next].At <= sinceStart) next++;
        if (next == 0) return _keyframes[0].Point;
        var before = _keyframes[next - 1];
        if (next == _keyframes.Length) return before.Point;
        var after = _keyframes[next];
        var f = (decimal)(sinceStart - before.At).Ticks / (after.At - before.At).Ticks;
        return new MarketPoint(
            Lerp(before.Point.Mark, after.Point.Mark, f),
            Lerp(before.Point.Index, after.Point.Index, f),
            Lerp(before.Point.FundingRate, after.Point.FundingRate, f),
            before.Point.Book);
    }

    private static decimal Lerp(decimal a, decimal b, decimal f) => a + (b - a) * f;

    public readonly record struct Keyframe(TimeSpan At, MarketPoint Point);
}
