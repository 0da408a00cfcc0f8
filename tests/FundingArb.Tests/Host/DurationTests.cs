using FundingArb.Host;

namespace FundingArb.Tests.Host;

public class DurationTests
{
    [Theory]
    [InlineData("1500ms", 1.5)]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("0.5s", 0.5)]
    [InlineData("00:01:00", 60)]
    [InlineData("1:02:03", 3723)]
    public void Accepts_common_forms(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("60x")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("1e9d")]
    [InlineData("0.00000001s")]
    [InlineData("999999999999d")]
    [InlineData("25:00:61")]
    public void Refuses_what_is_not_a_positive_duration_and_says_how_to_write_one(string text)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
