using FundingArb.Gateway;

namespace FundingArb.Tests.Gateway;

public sealed class ApiCredentialsTests
{
    [Fact]
    public void ToString_shows_neither_the_secret_nor_the_whole_key()
    {
        var text = new ApiCredentials("abcdefghijkl", "very-secret-value").ToString();
        Assert.DoesNotContain("very-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijkl", text, StringComparison.Ordinal);
        Assert.Contains("abcd", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_are_named_per_venue()
    {
        Assert.Equal("FUNDINGARB_BINANCE_API_KEY", ApiCredentials.KeyVariable("binance"));
        Assert.Equal("FUNDINGARB_BINANCE_API_SECRET", ApiCredentials.SecretVariable("binance"));
        Assert.Equal("FUNDINGARB_OKX_API_PASSPHRASE", ApiCredentials.PassphraseVariable("okx"));
    }

    [Fact]
    public void From_the_environment_and_a_missing_variable_is_named_without_values()
    {
        const string venue = "gatewaytestvenue"; // unique to this test: the environment is process-wide
        Environment.SetEnvironmentVariable(ApiCredentials.KeyVariable(venue), "env-key-1234");
        Environment.SetEnvironmentVariable(ApiCredentials.SecretVariable(venue), null);
        try
        {
            var missing = Assert.Throws<InvalidOperationException>(() => ApiCredentials.FromEnvironment(venue));
            Assert.Contains(ApiCredentials.SecretVariable(venue), missing.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("env-key-1234", missing.Message, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(ApiCredentials.SecretVariable(venue), "env-secret-5678");
            var credentials = ApiCredentials.FromEnvironment(venue);
            Assert.Equal("env-key-1234", credentials.ApiKey);
            Assert.DoesNotContain("env-secret-5678", credentials.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ApiCredentials.KeyVariable(venue), null);
            Environment.SetEnvironmentVariable(ApiCredentials.SecretVariable(venue), null);
        }
    }
}
