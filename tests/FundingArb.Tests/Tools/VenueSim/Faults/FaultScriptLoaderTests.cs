using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;

namespace FundingArb.Tests.Tools.VenueSim.Faults;

/// <summary>The faults file: every kind read, every refusal naming the JSON path and the fix, and seeded probability
/// that repeats exactly.</summary>
public class FaultScriptLoaderTests
{
    /// <summary>One of each kind, in the README's own style (comments and trailing commas included).</summary>
    private const string EveryKind = """
    {
      "description": "issue 8's fault matrix, one of each",
      "binance": [
        { "kind": "reject", "reason": "insufficientMargin", "nth": 2 },               // the 2nd order
        { "kind": "reject", "code": -2010, "message": "NEW_ORDER_REJECTED", "status": 400, "clientOrderId": "hedge-.*" },
        { "kind": "neverFill", "symbol": "BTCUSDT", "side": "buy" },
        { "kind": "partialFill", "fraction": "0.5", "count": 3 },
        { "kind": "lateFill", "delay": "45s", "fillsDespiteCancel": true, "reduceOnly": false },
        { "kind": "duplicateUpdates", "probability": 0.25 },
        { "kind": "outOfOrderUpdates", "at": "1m", "for": "10m" },
        { "kind": "latency", "operation": "placeOrder", "transport": "ws", "delay": "300ms", "jitter": "200ms" },
        { "kind": "serverError", "status": 503, "executed": true },
        { "kind": "rateLimit", "retryAfter": "2s", "count": 1 },
        { "kind": "reset", "operation": "cancelOrder", "executed": false },
        { "kind": "dropConnection", "connection": ["private", "trading"], "at": "10m" },
        { "kind": "staleFeed", "channel": "depth", "symbol": "BTCUSDT", "at": "5m", "for": "30s" },
        { "kind": "sequenceGap", "symbol": "BTCUSDT", "at": "2m" },
        { "kind": "venueDown", "mode": "reset", "at": "1h", "for": "2m" },
      ],
      "okx": [ { "kind": "badChecksum", "symbol": "BTC-USDT-SWAP", "at": "3m" } ],
      "bybit": [ { "kind": "rateLimit", "operation": "placeOrder", "count": 1 } ],
    }
    """;

    [Fact]
    public void A_script_with_every_kind_is_read()
    {
        var script = FaultScriptLoader.Parse(EveryKind);

        var binance = script.RulesOf(VenueKind.Binance);
        Assert.Equal(15, binance.Count);
        Assert.Equal(new FaultRule { Kind = FaultKind.Reject, Reason = RejectReason.InsufficientMargin, Nth = 2 }, binance[0]);
        Assert.Equal(TimeSpan.FromSeconds(45), binance[4].Delay);
        Assert.True(binance[4].FillsDespiteCancel);
        Assert.Equal(ApiTransport.WebSocket, binance[7].Transport);
        Assert.Equal(ConnectionKind.Private | ConnectionKind.Trading, binance[11].Connection);
        Assert.Equal(0.5m, binance[3].Fraction);
        Assert.Equal(OutageMode.Reset, binance[14].Mode);
        Assert.Equal(FaultKind.BadChecksum, Assert.Single(script.RulesOf(VenueKind.Okx)).Kind);
        Assert.Equal(new FaultRule { Kind = FaultKind.RateLimit, Operation = ApiOperation.PlaceOrder, Count = 1 }, Assert.Single(script.RulesOf(VenueKind.Bybit)));
    }

    [Theory]
    [InlineData("""{"binance": [ {"kind": "reject", "fraction": "0.5"} ]}""", "$.binance[0].fraction is not a field of reject")]
    [InlineData("""{"binance": [ {"kind": "explode"} ]}""", "$.binance[0].kind must be one of \"reject\"")]
    [InlineData("""{"binance": [ {"kind": "partialFill"} ]}""", "$.binance[0].fraction or \"quantity\" (exactly one) is required")]
    [InlineData("""{"binance": [ {"kind": "latency", "delay": "fast"} ]}""", "$.binance[0].delay must be a duration such as \"250ms\"")]
    [InlineData("""{"binance": [ {"kind": "badChecksum"} ]}""", "$.binance[0].kind badChecksum needs a venue with book checksums")]
    [InlineData("""{"kraken": []}""", "$.kraken is not a field")]
    [InlineData("""{"bybit": [ {"kind": "badChecksum"} ]}""", "$.bybit[0].kind badChecksum needs a venue with book checksums (okx); bybit has none")]
    [InlineData("""{"binance": [ {"kind": "staleFeed", "channel": "depth"} ]}""", "$.binance[0].for is required")]
    [InlineData("""{"binance": [ {}, {"kind": "reject", "nth": 0} ]}""", "$.binance[0].kind must be one of")]
    [InlineData("""{"binance": [ {"kind": "neverFill"}, {"kind": "reject", "nth": 0} ]}""", "$.binance[1].nth must be 1 or more")]
    [InlineData("""{"binance": [ {"kind": "serverError"} ]}""", "$.binance[0].status is required and must be a 5xx status")]
    [InlineData("""{"binance": [ {"kind": "dropConnection", "at": "1m"} ]}""", "$.binance[0].connection is required")]
    [InlineData("""{"binance": [ {"kind": "reject", "reason": "bored"} ]}""", "$.binance[0].reason must be one of \"insufficientMargin\"")]
    [InlineData("""{"binance": [ {"kind": "reject", "code": -2010} ]}""", "$.binance[0].message is required with \"code\"")]
    [InlineData("""{"binance": [ {"kind": "reject", "clientOrderId": "("} ]}""", "$.binance[0].clientOrderId must be a regular expression")]
    [InlineData("""{"binance": [ {"kind": "rateLimit", "status": 500} ]}""", "$.binance[0].status must be 429 (rate limited) or 418")]
    [InlineData("""{"binance": [ {"kind": "reject", "probability": 1.5} ]}""", "$.binance[0].probability must be above 0 and at most 1")]
    [InlineData("""{"binance": [""", "not valid JSON")]
    [InlineData("""[]""", "$ must be an object with a list of faults per venue")]
    public void A_bad_script_names_the_json_path_and_the_fix(string json, string expected)
    {
        var refused = Assert.Throws<FaultScriptException>(() => FaultScriptLoader.Parse(json, "faults.json"));

        Assert.StartsWith("faults.json: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The indices of 16 orders that a 50 % reject script refused, on a simulator seeded with <paramref name="seed"/>.</summary>
    private static async Task<List<int>> RejectedOrdersAsync(int seed)
    {
        var script = FaultScriptLoader.Parse("""{ "binance": [ { "kind": "reject", "reason": "generic", "probability": 0.5 } ] }""");
        await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, faults: script, seed: seed);
        var rejected = new List<int>();
        for (var i = 0; i < 16; i++)
        {
            var (status, json) = await FaultClient.PlaceAsync(sim, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=8990.0&quantity=0.010");
            if (status == 200) continue;
            Assert.Equal(-2010, json.GetProperty("code").GetInt32());
            rejected.Add(i);
        }
        Assert.Equal(rejected.Count, sim.Simulator.FaultsOf(VenueKind.Binance).Counts()[FaultKind.Reject]);
        return rejected;
    }

    [Fact]
    public async Task The_same_seed_faults_the_same_orders()
    {
        var first = await RejectedOrdersAsync(seed: 11);
        var again = await RejectedOrdersAsync(seed: 11);
        var otherSeed = await RejectedOrdersAsync(seed: 12);

        Assert.Equal(first, again);
        Assert.InRange(first.Count, 1, 15);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task A_script_file_arms_the_simulator_through_its_options()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{ "binance": [ { "kind": "neverFill", "nth": 1 } ] }""", TestContext.Current.CancellationToken);
            await using var sim = await SimHarness.StartAsync(TestScenarios.Flat, faults: FaultScriptLoader.LoadFile(file));

            var (_, placed) = await FaultClient.PlaceAsync(sim);

            Assert.Equal("NEW", placed.GetProperty("status").GetString());
            Assert.Equal(1, Assert.Single(sim.Simulator.FaultsOf(VenueKind.Binance).Faults).Applied);
        }
        finally { File.Delete(file); }
    }
}
