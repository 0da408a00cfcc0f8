using System.Runtime.InteropServices;

namespace FundingArb.Bench.Ring;

/// <summary>A 64-byte event: the size of a normalised market-data slot, one cache line.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct BenchEvent
{
    public long Sequence;
    public long Value;
    public long Timestamp;
    public long Price;
    public long Quantity;
    public long Instrument;
    public long Venue;
    public long Flags;
}
