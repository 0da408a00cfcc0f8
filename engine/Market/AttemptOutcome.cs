namespace FundingArb.Market;

/// <summary>What the gateway tells the decision core about one of its intents.</summary>
public struct AttemptOutcome
{
    public long IntentId;
    /// <summary><see cref="MarketEventKind.AttemptEnded"/>: a hedged position is open (else nothing is).</summary>
    public bool Opened;
}
