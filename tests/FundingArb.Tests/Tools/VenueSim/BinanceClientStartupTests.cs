namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>What standard clients (ccxt's binanceusdm among them) call around their orders besides the order endpoints:
/// leverage brackets before reading positions, and account information v3 for the balance.</summary>
public class BinanceClientStartupTests
{
    [Fact]
    public async Task Leverage_brackets_answer_one_bracket_per_symbol_an_object_for_one_symbol()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (status, one) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/leverageBracket", "symbol=BTCUSDT");
        Assert.Equal(200, status);
        Assert.Equal("BTCUSDT", one.GetProperty("symbol").GetString());
        var bracket = Assert.Single(one.GetProperty("brackets").EnumerateArray());
        Assert.Equal((1, 125, 0.004m), (bracket.GetProperty("bracket").GetInt32(), bracket.GetProperty("initialLeverage").GetInt32(),
            bracket.GetProperty("maintMarginRatio").GetDecimal()));
        Assert.Equal(2_000_000m, bracket.GetProperty("notionalCap").GetDecimal()); // 250 000 000 / 125, as positionRisk's maxNotionalValue

        var (_, all) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/leverageBracket", "");
        Assert.Equal(["BTCUSDT", "ETHUSDT"], all.EnumerateArray().Select(e => e.GetProperty("symbol").GetString()).Order());
        var (unknown, error) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/leverageBracket", "symbol=DOGEUSDT");
        Assert.Equal((400, -1121), (unknown, error.GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task Account_v3_lists_only_symbols_with_a_position_or_open_orders()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        var (_, before) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/account", "");
        Assert.Equal(0, before.GetProperty("positions").GetArrayLength());
        Assert.Equal("100000.00000000", before.GetProperty("totalWalletBalance").GetString());

        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5");
        var (_, after) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v3/account", "");
        var position = Assert.Single(after.GetProperty("positions").EnumerateArray());
        Assert.Equal(("BTCUSDT", "0.500"), (position.GetProperty("symbol").GetString(), position.GetProperty("positionAmt").GetString()));
        var (_, v2) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v2/account", "");
        Assert.Equal(2, v2.GetProperty("positions").GetArrayLength()); // v2 lists every symbol
    }
}
