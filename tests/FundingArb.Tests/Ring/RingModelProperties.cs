using FsCheck.Xunit;
using FundingArb.Ring;

namespace FundingArb.Tests.Ring;

/// <summary>Random single-threaded claim/publish/poll scripts against a plain FIFO model.</summary>
[Collection(RingTestCollection.Name)]
public sealed class RingModelProperties
{
    [Property(MaxTest = 200)]
    public bool Ring_behaves_like_a_bounded_fifo(bool multi, byte sizeLog, int[] script)
    {
        int size = 1 << (sizeLog % 6); // 1 … 32
        var ring = RingBufferTests.Create(multi, size);
        var poller = ring.NewPoller();
        ring.AddGatingSequences(poller.Sequence);
        var handler = new RecordingHandler();
        long produced = 0;

        foreach (int op in script ?? [])
        {
            if (op >= 0)
            {
                // Claim and publish 1..size events with TryNext: must succeed iff they fit.
                int n = 1 + (op % size);
                long inRing = produced - handler.Count;
                bool fits = inRing + n <= size;
                if (ring.TryNext(n, out long hi) != fits)
                {
                    return false;
                }

                if (fits)
                {
                    for (long s = hi - n + 1; s <= hi; s++)
                    {
                        RecordingHandler.Fill(ref ring[s], s);
                    }

                    ring.Publish(hi - n + 1, hi);
                    produced += n;
                }
            }
            else
            {
                int max = 1 + (int)((-(long)op) % (size + 1));
                long before = handler.Count;
                var state = poller.Poll(ref handler, max);
                long expected = Math.Min(max, produced - before);
                if (handler.Count - before != expected || (state == PollState.Processing) != (expected > 0))
                {
                    return false;
                }
            }

            if (ring.RemainingCapacity != size - (produced - handler.Count) || handler.Error is not null)
            {
                return false;
            }
        }

        return true;
    }
}
