using System.Runtime.CompilerServices;

namespace FundingArb.Ring;

/// <summary>
/// Backoff for short waits that are expected to end soon (a full ring, a slot claimed but not yet
/// published): pause-spin a little, then <see cref="Thread.Yield"/>.
/// </summary>
/// <remarks>
/// Deliberately never sleeps: <see cref="SpinWait.SpinOnce()"/> falls into <c>Thread.Sleep(1)</c> after a
/// few dozen iterations, which on a 2-core machine costs an order of magnitude of throughput
/// (see DESIGN.md, "Hot-path rules"). Yielding still lets the thread we wait for run on our core.
/// </remarks>
internal struct SpinBackoff
{
    private const int SpinLimit = 64;

    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Once()
    {
        if (_count < SpinLimit)
        {
            _count++;
            Thread.SpinWait(1);
        }
        else
        {
            Thread.Yield();
        }
    }
}
