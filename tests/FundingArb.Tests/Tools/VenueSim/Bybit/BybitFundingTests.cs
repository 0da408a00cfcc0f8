using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Instruments;

namespace FundingArb.Tests.Tools.VenueSim.Bybit;

/// <summary>Settlements on each instrument's own schedule, as Bybit reports them: SETTLEMENT lines in the transaction
/// log ("Positive value means receiving funding fee"), the funding history, the position's realized PnL and the
/// ticker's next funding time.</summary>
public class BybitFundingTests
{
    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<List<JsonElement>> SettlementsAsync(BybitSim sim, string query = "", string key = BybitSim.Key, string secret = BybitSim.Secret)
    {
        var log = await sim.SignedGetAsync("/v5/account/transaction-log", "accountType=UNIFIED&type=SETTLEMENT" + query, key, secret);
        Assert.Equal(0, log.RetCode);
        return [.. log.Result.GetProperty("list").EnumerateArray()];
    }

    [Fact]
    public async Task Positions_pay_or_receive_qty_times_mark_times_rate_and_the_log_says_which()
    {
        // Flat: BTCUSDT mark 9000, rate +0.0003 every 8 h; ETHUSDT mark 2000, rate −0.0002 every 4 h. Both settle at 08:00.
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat,
            extraAccounts: [new ApiCredential(VenueKind.Bybit, "short-key", "short-secret")]);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.5" """);
        await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Sell","orderType":"Market","qty":"2" """);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"0.25" """, "short-key", "short-secret");
        Assert.Empty(await SettlementsAsync(sim));

        sim.Advance(TimeSpan.FromSeconds(61));

        var lines = (await SettlementsAsync(sim)).ToDictionary(l => S(l, "symbol"));
        var btc = lines["BTCUSDT"];
        Assert.Equal(("-1.35", "-1.35", "Buy", "0.500", "0.500", "9000.0", "0.0003"), // long, positive rate: pays
            (S(btc, "funding"), S(btc, "change"), S(btc, "side"), S(btc, "qty"), S(btc, "size"), S(btc, "tradePrice"), S(btc, "feeRate")));
        var eth = lines["ETHUSDT"];
        Assert.Equal(("-0.8", "Sell", "-2.00", "0.0002"), (S(eth, "funding"), S(eth, "side"), S(eth, "size"), S(eth, "feeRate"))); // short, negative rate: pays
        Assert.All(lines.Values, l => Assert.Equal("1767600000000", S(l, "transactionTime")));
        var other = Assert.Single(await SettlementsAsync(sim, key: "short-key", secret: "short-secret"));
        Assert.Equal("0.675", S(other, "funding")); // short, positive rate: receives

        var history = Assert.Single((await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT")).Result.GetProperty("list").EnumerateArray());
        Assert.Equal(("0.0003", "1767600000000"), (S(history, "fundingRate"), S(history, "fundingRateTimestamp")));
        var ticker = Assert.Single((await sim.GetAsync("/v5/market/tickers?category=linear&symbol=ETHUSDT")).Result.GetProperty("list").EnumerateArray());
        Assert.Equal("1767614400000", S(ticker, "nextFundingTime")); // 12:00, the next 4-hourly settlement

        // The settlement line's cash balance is the wallet after it; realized PnL counts fees and funding.
        var wallet = await sim.SignedGetAsync("/v5/account/wallet-balance", "accountType=UNIFIED");
        var balance = decimal.Parse(S(wallet.Result.GetProperty("list")[0].GetProperty("coin")[0], "walletBalance"), CultureInfo.InvariantCulture);
        var lastLine = (await SettlementsAsync(sim))[0];
        Assert.Equal(balance, decimal.Parse(S(lastLine, "cashBalance"), CultureInfo.InvariantCulture));
        var position = await sim.PositionAsync("ETHUSDT");
        var fee = 2m * 1999.99m * 0.00055m; // sold 2 ETH at the best bid
        Assert.Equal(-fee - 0.8m, decimal.Parse(S(position, "cumRealisedPnl"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Every_settlement_of_a_long_jump_is_logged_each_on_its_own_schedule()
    {
        await using var sim = await BybitSim.StartAsync(BybitScenarios.Flat);
        await sim.CreateAsync(""" "symbol":"ETHUSDT","side":"Buy","orderType":"Market","qty":"1" """);
        await sim.CreateAsync(""" "symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.1" """);
        sim.Advance(TimeSpan.FromHours(24)); // 07:59 → 07:59 next day: 4 h settlements 08,12,16,20,00,04; 8 h at 08,16,00
        var lines = await SettlementsAsync(sim, "&limit=50");
        Assert.Equal(6, lines.Count(l => S(l, "symbol") == "ETHUSDT"));
        Assert.Equal(3, lines.Count(l => S(l, "symbol") == "BTCUSDT"));
        Assert.All(lines.Where(l => S(l, "symbol") == "ETHUSDT"), l => Assert.Equal("0.4", S(l, "funding"))); // long, negative rate: receives
        var times = lines.Select(l => long.Parse(S(l, "transactionTime"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times); // newest first
        Assert.Equal(3, (await sim.GetAsync("/v5/market/funding/history?category=linear&symbol=BTCUSDT")).Result.GetProperty("list").GetArrayLength());

        var page = await sim.SignedGetAsync("/v5/account/transaction-log", "accountType=UNIFIED&type=SETTLEMENT&limit=4");
        Assert.Equal(4, page.Result.GetProperty("list").GetArrayLength());
        var rest = await sim.SignedGetAsync("/v5/account/transaction-log", "accountType=UNIFIED&type=SETTLEMENT&limit=50&cursor=" + S(page.Result, "nextPageCursor"));
        Assert.Equal(5, rest.Result.GetProperty("list").GetArrayLength());
    }
}
