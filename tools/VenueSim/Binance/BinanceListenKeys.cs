namespace FundingArb.VenueSim.Binance;

/// <summary>User-data listen keys: one per account, valid 60 minutes from the last POST or PUT (an account that
/// POSTs again gets its existing key back, extended), as the USDⓈ-M user-data-stream docs say.</summary>
public sealed class BinanceListenKeys(int seed)
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(60);
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock _lock = new();
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, (string AccountKey, DateTimeOffset Expires)> _byKey = [];
    private readonly Dictionary<string, string> _byAccount = [];

    public string Open(string accountKey, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_byAccount.TryGetValue(accountKey, out var existing) && _byKey[existing].Expires > now)
            {
                _byKey[existing] = (accountKey, now + Validity);
                return existing;
            }
            var key = new string(Enumerable.Range(0, 64).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());
            if (existing is not null) _byKey.Remove(existing);
            _byKey[key] = (accountKey, now + Validity);
            _byAccount[accountKey] = key;
            return key;
        }
    }

    public string? KeepAlive(string accountKey, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_byAccount.TryGetValue(accountKey, out var key) || _byKey[key].Expires <= now) return null;
            _byKey[key] = (accountKey, now + Validity);
            return key;
        }
    }

    public void Close(string accountKey)
    {
        lock (_lock)
            if (_byAccount.Remove(accountKey, out var key)) _byKey.Remove(key);
    }

    /// <summary>The account a live key belongs to, or null for an unknown or expired key.</summary>
    public string? AccountOf(string listenKey, DateTimeOffset now)
    {
        lock (_lock)
            return _byKey.TryGetValue(listenKey, out var entry) && entry.Expires > now ? entry.AccountKey : null;
    }

    /// <summary>Keys that expired by <paramref name="now"/>; each is reported once and then forgotten.</summary>
    public List<string> TakeExpired(DateTimeOffset now)
    {
        lock (_lock)
        {
            var expired = _byKey.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList();
            foreach (var key in expired)
            {
                _byAccount.Remove(_byKey[key].AccountKey);
                _byKey.Remove(key);
            }
            return expired;
        }
    }
}
