namespace FundingArb.Gateway;

/// <summary>What became of one message handed to <see cref="PrivateSocket.TrySendAsync"/>: the difference between a
/// request the venue never saw and one it may have acted on.</summary>
public enum SendOutcome : byte
{
    /// <summary>Written whole to the connection.</summary>
    Sent,
    /// <summary>Not a byte of it was written (no open connection, or the send was refused before writing): the venue
    /// cannot have seen it.</summary>
    NotSent,
    /// <summary>The send failed once writing may have begun: the venue may have received it whole.</summary>
    Unknown,
}
