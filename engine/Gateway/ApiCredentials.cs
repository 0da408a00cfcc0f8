using System.Text;

namespace FundingArb.Gateway;

/// <summary>A venue API key and its secret. The secret is held as bytes, is readable only by the signer, and appears
/// in no string this type produces: <see cref="ToString"/> shows the key's first four characters and nothing else.</summary>
public sealed class ApiCredentials
{
    private readonly byte[] _secret;

    public ApiCredentials(string apiKey, string secret, string? passphrase = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ApiKey = apiKey;
        ApiKeyUtf8 = Encoding.UTF8.GetBytes(apiKey);
        _secret = Encoding.UTF8.GetBytes(secret);
        Passphrase = passphrase;
    }

    /// <summary>The key is sent in clear on every request (a header or a parameter), so it is not secret; still only
    /// its first characters go into logs.</summary>
    public string ApiKey { get; }
    public byte[] ApiKeyUtf8 { get; }
    /// <summary>OKX only.</summary>
    internal string? Passphrase { get; }

    /// <summary>The secret, for building the venue's signer (an HMAC instance keyed once); nothing else reads it.</summary>
    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Environment variables <c>FUNDINGARB_&lt;VENUE&gt;_API_KEY</c> and <c>FUNDINGARB_&lt;VENUE&gt;_API_SECRET</c>
    /// (and <c>…_API_PASSPHRASE</c> where the venue has one), e.g. <c>FUNDINGARB_BINANCE_API_KEY</c>.</summary>
    public static string KeyVariable(string venue) => $"FUNDINGARB_{venue.ToUpperInvariant()}_API_KEY";

    public static string SecretVariable(string venue) => $"FUNDINGARB_{venue.ToUpperInvariant()}_API_SECRET";

    public static string PassphraseVariable(string venue) => $"FUNDINGARB_{venue.ToUpperInvariant()}_API_PASSPHRASE";

    /// <summary>Reads the venue's variables; the exception names the missing variable, never a value.</summary>
    /// <exception cref="InvalidOperationException">A variable is missing or empty.</exception>
    public static ApiCredentials FromEnvironment(string venue, bool needsPassphrase = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        var key = Environment.GetEnvironmentVariable(KeyVariable(venue));
        var secret = Environment.GetEnvironmentVariable(SecretVariable(venue));
        var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable(venue));
        if (string.IsNullOrWhiteSpace(key)) throw new InvalidOperationException($"Environment variable {KeyVariable(venue)} is not set.");
        if (string.IsNullOrWhiteSpace(secret)) throw new InvalidOperationException($"Environment variable {SecretVariable(venue)} is not set.");
        if (needsPassphrase && string.IsNullOrWhiteSpace(passphrase))
            throw new InvalidOperationException($"Environment variable {PassphraseVariable(venue)} is not set.");
        return new ApiCredentials(key, secret, passphrase);
    }

    public override string ToString() => $"ApiCredentials(key {ApiKey[..Math.Min(4, ApiKey.Length)]}…, secret redacted)";
}
