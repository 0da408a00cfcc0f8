using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FundingArb.Gateway;

/// <summary>Why a request failed: the venue-neutral <see cref="Kind"/>, the venue's code (0 when the refusal is ours or
/// the transport's) and its message, truncated to <see cref="MaxMessageLength"/> bytes, held inline. Default: no error.</summary>
public readonly struct ExecutionError
{
    public const int MaxMessageLength = 120;

    private readonly Message _message;
    private readonly byte _messageLength;

    public ExecutionError(ExecutionErrorKind kind, int venueCode, ReadOnlySpan<byte> utf8Message, long retryAfterMs = 0)
    {
        Kind = kind;
        VenueCode = venueCode;
        RetryAfterMs = retryAfterMs;
        var length = Math.Min(utf8Message.Length, MaxMessageLength);
        utf8Message[..length].CopyTo(_message);
        _messageLength = (byte)length;
    }

    public ExecutionErrorKind Kind { get; }
    /// <summary>The venue's error code (Binance -2019, Bybit 110007, OKX 51008); 0 when none.</summary>
    public int VenueCode { get; }
    /// <summary>Unix ms before which a retry is pointless (rate limits); 0 when not said.</summary>
    public long RetryAfterMs { get; }
    public bool IsError => Kind != ExecutionErrorKind.None;

    [UnscopedRef]
    public ReadOnlySpan<byte> MessageUtf8 => ((ReadOnlySpan<byte>)_message)[.._messageLength];

    /// <summary>A refusal or failure with no venue code (our checks, the transport).</summary>
    public static ExecutionError Local(ExecutionErrorKind kind, ReadOnlySpan<byte> utf8Message, long retryAfterMs = 0) =>
        new(kind, 0, utf8Message, retryAfterMs);

    /// <summary>For logs and tests; allocates.</summary>
    public override string ToString() =>
        Kind == ExecutionErrorKind.None ? "none" : $"{Kind} ({VenueCode}): {Encoding.UTF8.GetString(MessageUtf8)}";

    [InlineArray(MaxMessageLength)]
    private struct Message
    {
        private byte _first;
    }
}
