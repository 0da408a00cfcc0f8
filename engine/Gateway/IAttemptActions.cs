namespace FundingArb.Gateway;

/// <summary>What an <see cref="ArbitrageAttempt"/> asks of the world. The gateway's runtime does it over the venues'
/// execution clients and the clock, and feeds every answer back as an event on its own thread; tests script it. Each
/// call returns at once: answers come later, through the attempt's <c>On…</c> methods.</summary>
public interface IAttemptActions
{
    /// <summary>The engine clock, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    long Now { get; }
    long TicksPerSecond { get; }
    /// <summary>Wall-clock unix ms, for the venues' retry-after times.</summary>
    long NowUnixMs { get; }

    /// <summary>Sends the order (the frame is written before this returns, where the transport allows).</summary>
    void Place(LegExecution leg, LegOrder order);
    void Cancel(LegExecution leg, LegOrder order);
    void Query(LegExecution leg, LegOrder order);
    /// <summary>Asks the venue for the leg's instrument's position (answered by <see cref="ArbitrageAttempt.OnPositionAnswer"/>).</summary>
    void QueryPosition(LegExecution leg);
    /// <summary>Calls <see cref="ArbitrageAttempt.OnTimer"/> after <paramref name="delay"/> on the engine clock.</summary>
    void Arm(LegExecution leg, LegTimer timer, int order, int generation, TimeSpan delay);

    /// <summary>Both legs filled within the hedge gap: the position is open.</summary>
    void Opened(ArbitrageAttempt attempt);
    /// <summary>Nothing of the attempt is left open on any venue.</summary>
    void Flat(ArbitrageAttempt attempt);
    /// <summary>A leg could not be flattened after repeated emergency closes: stop opening positions.</summary>
    void EngageKillSwitch(LegExecution leg);
    /// <summary>Something an operator must see now (CRITICAL): an emergency close failed, a leg is unhedged.</summary>
    void Alert(LegExecution leg, string message);
}
