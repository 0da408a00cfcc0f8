using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FundingArb.VenueSim.Bybit;

/// <summary>The identifiers Bybit spells its own way: linear order and execution ids are UUIDs (e.g.
/// "b719e004-0846-4b58-8405-a307133c5146"), connection ids read like "cejreaspqfh3sjdnldmg-p", user ids are 8-digit
/// numbers. Each is derived from the seed and the core's numeric id, so a run can be repeated; order ids map back.</summary>
public sealed class BybitIds(int seed)
{
    private const string ConnectionAlphabet = "0123456789abcdefghijklmnopqrstuv";
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _orderIds = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed ^ 0x0b1b17);
    private long _messages;

    /// <summary>The UUID shown for the core order <paramref name="orderId"/>.</summary>
    public string Order(long orderId)
    {
        var text = Uuid("order", orderId);
        lock (_lock) _orderIds.TryAdd(text, orderId);
        return text;
    }

    /// <summary>The core order id behind an id this venue has shown; false for any other text.</summary>
    public bool TryParseOrder(string text, out long orderId)
    {
        lock (_lock) return _orderIds.TryGetValue(text, out orderId);
    }

    public string Execution(long tradeId) => Uuid("execution", tradeId);

    /// <summary>The execution id of one account's funding settlement on one symbol.</summary>
    public string Funding(string apiKey, string symbol, DateTimeOffset time) =>
        Uuid("funding:" + apiKey + ":" + symbol, time.ToUnixTimeMilliseconds());

    /// <summary>The <c>id</c> of a private stream message: unique per message.</summary>
    public string Message() => Uuid("message", Interlocked.Increment(ref _messages));

    public string ConnectionId()
    {
        lock (_lock)
        {
            var builder = new StringBuilder(26);
            for (var i = 0; i < 20; i++) builder.Append(ConnectionAlphabet[_random.Next(ConnectionAlphabet.Length)]);
            builder.Append('-');
            for (var i = 0; i < 4; i++) builder.Append(ConnectionAlphabet[_random.Next(ConnectionAlphabet.Length)]);
            return builder.ToString();
        }
    }

    /// <summary>A 32-hex-digit trace id, as the <c>Traceid</c> header carries.</summary>
    public string TraceId() => Uuid("trace", Interlocked.Increment(ref _messages)).Replace("-", "", StringComparison.Ordinal);

    /// <summary>The account's user id: a stable 8-digit number derived from its key.</summary>
    public static long UserId(string apiKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return 10_000_000 + (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 90_000_000);
    }

    private string Uuid(string kind, long id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(CultureInfo.InvariantCulture) + "/" + kind + "/" + id.ToString(CultureInfo.InvariantCulture)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40); // version 4, variant 1: reads as the random UUIDs the venue issues
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
