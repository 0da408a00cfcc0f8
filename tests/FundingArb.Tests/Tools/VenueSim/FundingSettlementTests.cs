using System.Globalization;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim;

/// <summary>Settlement at each instrument's own schedule: every position pays qty × mark × rate — a positive rate
/// makes longs pay shorts, a negative one shorts pay longs — recorded as FUNDING_FEE income and in the funding history.</summary>
public class FundingSettlementTests
{
    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Positions_pay_or_receive_qty_times_mark_times_rate_at_the_settlement()
    {
        // Flat: BTCUSDT mark 9000, rate +0.0003 every 8 h; ETHUSDT mark 2000, rate −0.0002 every 4 h. The clock starts at
        // 07:59 UTC, so both settle at 08:00.
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5");
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=2");
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.25", SimHarness.DocsKey, SimHarness.DocsSecret);
        var (_, premium) = await sim.GetAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT");
        var settlement = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(settlement, premium.GetProperty("nextFundingTime").GetInt64());

        var (_, before) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=FUNDING_FEE");
        Assert.Equal(0, before.GetArrayLength());

        sim.Advance(TimeSpan.FromSeconds(61));

        var (_, income) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=FUNDING_FEE");
        var bySymbol = income.EnumerateArray().ToDictionary(r => r.GetProperty("symbol").GetString()!, r => Dec(r, "income"));
        Assert.Equal(-(0.5m * 9000m * 0.0003m), bySymbol["BTCUSDT"]);    // long, positive rate: pays 1.35
        Assert.Equal(-(-2m * 2000m * -0.0002m), bySymbol["ETHUSDT"]);    // short, negative rate: pays 0.8
        Assert.All(income.EnumerateArray(), r => Assert.Equal(settlement, r.GetProperty("time").GetInt64()));

        var (_, other) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=FUNDING_FEE", SimHarness.DocsKey, SimHarness.DocsSecret);
        Assert.Equal(0.25m * 9000m * 0.0003m, Dec(other[0], "income"));   // short, positive rate: receives 0.675

        var (_, history) = await sim.GetAsync("/fapi/v1/fundingRate?symbol=BTCUSDT");
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("0.00030000", history[0].GetProperty("fundingRate").GetString());
        Assert.Equal(settlement, history[0].GetProperty("fundingTime").GetInt64());
        Assert.Equal(9000m, Dec(history[0], "markPrice"));

        (_, premium) = await sim.GetAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT");
        Assert.Equal(settlement + 8 * 3_600_000, premium.GetProperty("nextFundingTime").GetInt64());
        (_, premium) = await sim.GetAsync("/fapi/v1/premiumIndex?symbol=ETHUSDT");
        Assert.Equal(settlement + 4 * 3_600_000, premium.GetProperty("nextFundingTime").GetInt64());
    }

    [Fact]
    public async Task Every_settlement_of_a_long_jump_is_paid_each_on_its_own_schedule()
    {
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat);
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1");
        await sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1");
        sim.Advance(TimeSpan.FromHours(24)); // 07:59 → 07:59 next day: 4 h settlements 08,12,16,20,00,04; 8 h at 08,16,00
        var (_, eth) = await sim.GetAsync("/fapi/v1/fundingRate?symbol=ETHUSDT");
        var (_, btc) = await sim.GetAsync("/fapi/v1/fundingRate?symbol=BTCUSDT");
        Assert.Equal(6, eth.GetArrayLength());
        Assert.Equal(3, btc.GetArrayLength());
        var (_, income) = await sim.SignedAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=FUNDING_FEE&symbol=ETHUSDT");
        Assert.Equal(6, income.GetArrayLength());
        Assert.All(income.EnumerateArray(), r => Assert.Equal(1m * 2000m * 0.0002m, Dec(r, "income"))); // long, negative rate: receives
    }
}
