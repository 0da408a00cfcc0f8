using System.Runtime.CompilerServices;

namespace FundingArb.Market;

/// <summary>A fixed number of levels held inline in a ring slot, so writing a book frame allocates nothing.
/// A frame with more levels than this is split into parts (see <see cref="BookUpdate.More"/>).</summary>
[InlineArray(Capacity)]
public struct BookLevels
{
    public const int Capacity = 64;

    private BookLevel _first;
}
