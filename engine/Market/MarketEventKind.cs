namespace FundingArb.Market;

public enum MarketEventKind : byte
{
    /// <summary>A void slot: claimed for a frame that then failed validation; consumers skip it.</summary>
    None = 0,
    /// <summary>Funding rate, mark and/or index price; <see cref="FundingUpdate.Fields"/> says which are present.</summary>
    Funding = 1,
    /// <summary>A full book that replaces what came before (from a stream snapshot or a REST depth answer).</summary>
    BookSnapshot = 2,
    /// <summary>Changed levels to merge onto the book; a quantity of zero removes the level.</summary>
    BookDelta = 3,
    /// <summary>The feed lost the book (sequence gap, checksum mismatch, reconnect): drop it until the next snapshot.</summary>
    BookInvalidated = 4,

    // ---- from the gateway back to the decision core, whose state only its own thread may change
    /// <summary>An attempt the core sent is over: <see cref="AttemptOutcome.Opened"/> says whether a hedged position is open.</summary>
    AttemptEnded = 5,
    /// <summary>A position an attempt opened is confirmed flat on both venues.</summary>
    PositionClosed = 6,
    /// <summary>A leg could not be flattened: no new positions until an operator releases the switch.</summary>
    KillSwitchEngaged = 7,
}
