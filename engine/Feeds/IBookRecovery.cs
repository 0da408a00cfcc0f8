using FundingArb.Market;

namespace FundingArb.Feeds;

/// <summary>Gets a fresh snapshot for a lost book: live, a REST depth request or a resubscribe (see
/// <see cref="BookRecovery"/>); in replay and decode nothing, since the capture brings whatever came next.</summary>
public interface IBookRecovery
{
    void RequestSnapshot(InstrumentId instrument);
}
