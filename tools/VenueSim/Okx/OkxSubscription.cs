using System.Text.Json;

namespace FundingArb.VenueSim.Okx;

/// <summary>One channel a connection subscribed to: the arg as the client sent it (echoed in acks and pushes) and what
/// the channel has sent so far — the last books seqId, when it last sent anything, the last top-of-book snapshot.</summary>
public sealed class OkxSubscription(string channel, IReadOnlyList<KeyValuePair<string, string>> arg)
{
    public string Channel { get; } = channel;
    /// <summary>The arg's fields in the client's order (channel, instId, instType, instFamily…), extraParams left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arg { get; } = arg;
    public string? InstId => Field("instId");
    public string? InstType => Field("instType");
    public string? InstFamily => Field("instFamily");

    /// <summary>books: the seqId of the last message sent (the next one's prevSeqId).</summary>
    public long LastSeqId { get; set; } = -1;
    /// <summary>books: changes not sent yet, and the book faults waiting for the next update.</summary>
    public OkxBookBacklog Backlog { get; } = new();
    public DateTimeOffset LastSentAt { get; set; }
    /// <summary>books5 / bbo-tbt: the levels last sent, to push only when they change.</summary>
    public string LastTop { get; set; } = "";
    /// <summary>mark-price / index-tickers: the price last sent, as printed, to push only when what the client sees changes.</summary>
    public decimal LastPrice { get; set; }
    /// <summary>positions: 0 = events only; otherwise also a snapshot this often (the docs' default is about 5 s).</summary>
    public int UpdateIntervalMs { get; set; } = 5000;

    public string? Field(string name)
    {
        foreach (var (key, value) in Arg)
            if (key == name) return value;
        return null;
    }

    public bool Same(OkxSubscription other) =>
        Channel == other.Channel && InstId == other.InstId && InstType == other.InstType && InstFamily == other.InstFamily;

    /// <summary>Writes the arg object; private pushes add the account's uid.</summary>
    public void WriteArg(Utf8JsonWriter w, string? uid = null)
    {
        w.WriteStartObject("arg"u8);
        foreach (var (key, value) in Arg) w.WriteString(key, value);
        if (uid is not null) w.WriteString("uid"u8, uid);
        w.WriteEndObject();
    }
}
