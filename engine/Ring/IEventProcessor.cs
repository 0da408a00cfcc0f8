namespace FundingArb.Ring;

/// <summary>A consumer with its own thread of control, seen without its event and handler types (for hosting).</summary>
public interface IEventProcessor
{
    /// <summary>The highest sequence this consumer has finished with: gate producers or later stages on it.</summary>
    Sequence Sequence { get; }

    bool IsRunning { get; }

    /// <summary>The exception that stopped the processor, if one did.</summary>
    Exception? Fault { get; }

    /// <summary>Runs the consume loop on the calling thread until halted.</summary>
    void Run();

    /// <summary>Asks the processor to drain what is available and stop.</summary>
    void Halt();
}
