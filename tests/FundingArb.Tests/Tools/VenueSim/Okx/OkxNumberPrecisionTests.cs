using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>Numbers the scenario path interpolates (mark, index, funding rate) go out as the live venue prints them:
/// rates with at most 16 decimals (the docs' examples: "fundingRate":"0.0001875391284828"), mark and index prices at
/// the instrument's tick (the docs' "markPx":"42310.6", "idxPx":"62890.5" for BTC-USDT, tick 0.1) — never the 28 digits
/// of a decimal division, which a strict client rejects as malformed.</summary>
public class OkxNumberPrecisionTests
{
    /// <summary>BTC-USDT-SWAP (tick 0.1, 1 h funding) whose path runs from 0.0001 to 0.0004 over 3 h: sampled anywhere
    /// but at a keyframe, mark, index and rate are repeating decimals (at +20 min the rate is 0.0001333…).</summary>
    private const string Repeating = """
    {
      "name": "okx-repeating",
      "instruments": [
        { "venue": "okx", "symbol": "BTC-USDT-SWAP", "base": "BTC", "tickSize": "0.1", "stepSize": "0.01", "minQty": "0.01",
          "maxQty": "1000", "contractSize": "0.01", "minNotional": "0", "fundingIntervalHours": 1, "maxLeverage": 100,
          "book": { "levels": 5, "spreadTicks": 2, "stepTicks": 10, "size": "100", "growth": "1", "jitter": "0" },
          "path": [ { "at": "0s", "mark": "60000", "index": "59990", "rate": "0.0001" },
                    { "at": "3h", "mark": "60001", "index": "59991", "rate": "0.0004" } ] }
      ]
    }
    """;

    private const int RateDecimals = 16;
    private const int TickDecimals = 1;

    /// <summary>Fields that carry a mark, index or traded price: at most the tick's decimals.</summary>
    private static readonly HashSet<string> PriceFields =
        ["markPx", "idxPx", "last", "lastPx", "fillMarkPx", "fillIdxPx", "fillPx", "px", "high24h", "low24h", "open24h", "sodUtc0", "sodUtc8"];

    [Fact]
    public async Task Funding_rate_and_mark_price_pushes_round_an_interpolated_path_to_16_decimals_and_the_tick()
    {
        await using var sim = await OkxSim.StartAsync(Repeating);
        sim.Advance(TimeSpan.FromMinutes(20)); // past the 08:00 settlement, a third of an hour into a 3 h ramp
        var socket = await sim.ConnectAsync("/ws/v5/public");
        await OkxSim.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},{"channel":"mark-price","instId":"BTC-USDT-SWAP"}]}""");
        var frames = await OkxSim.DrainAsync(socket);
        sim.Advance(TimeSpan.FromSeconds(61));
        frames.AddRange(await OkxSim.DrainAsync(socket));

        var funding = OkxSim.OfChannel(frames, "funding-rate").Where(f => f.TryGetProperty("data", out _)).ToList();
        var marks = OkxSim.OfChannel(frames, "mark-price").Where(f => f.TryGetProperty("data", out _)).ToList();
        Assert.True(funding.Count >= 2, $"expected the push at subscribe and the one a minute later, got {funding.Count}");
        Assert.True(marks.Count >= 2, $"expected the push at subscribe and later ones, got {marks.Count}");
        foreach (var frame in funding.Concat(marks)) AssertPrecision(frame);

        var first = funding[0].GetProperty("data")[0];
        Assert.Equal("0.0001333333333333", first.GetProperty("fundingRate").GetString()); // 0.0001 + 0.0003 / 9
        Assert.Equal(RateDecimals, Decimals(first.GetProperty("settFundingRate").GetString()!)); // the 08:00 rate, 0.0001 + 0.0003 / 180
        Assert.Equal("60000.1", marks[0].GetProperty("data")[0].GetProperty("markPx").GetString()); // 60000 + 1 / 9
    }

    [Fact]
    public async Task Rest_answers_and_private_pushes_carry_no_runaway_decimals()
    {
        await using var sim = await OkxSim.StartAsync(Repeating);
        await sim.PlaceAsync(OkxSim.Order("buy", "market", "10")); // open a position before the settlement
        sim.Advance(TimeSpan.FromMinutes(20));

        var socket = await sim.PrivateAsync();
        await OkxSim.SendAsync(socket, """{"op":"subscribe","args":[{"channel":"orders","instType":"SWAP"},{"channel":"positions","instType":"SWAP"},{"channel":"account"}]}""");
        await sim.PlaceAsync(OkxSim.Order("buy", "limit", "1", "59990")); // rests below the book: an accepted push
        await sim.PlaceAsync(OkxSim.Order("buy", "market", "5"));        // a fill push with fillMarkPx / fillIdxPx
        var pushes = await OkxSim.DrainAsync(socket);
        Assert.Contains(OkxSim.OfChannel(pushes, "orders"), f => f.TryGetProperty("data", out var d) && d[0].GetProperty("fillMarkPx").GetString() != "");
        Assert.Contains(OkxSim.OfChannel(pushes, "positions"), f => f.TryGetProperty("data", out var d) && d.GetArrayLength() > 0);
        foreach (var push in pushes) AssertPrecision(push);

        string[] publicPaths =
        [
            "/api/v5/public/funding-rate?instId=BTC-USDT-SWAP",
            "/api/v5/public/funding-rate?instId=ANY",
            "/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP",
            "/api/v5/public/mark-price?instType=SWAP",
        ];
        foreach (var path in publicPaths)
        {
            var (status, json) = await sim.GetAsync(path);
            Assert.Equal(200, status);
            Assert.NotEqual(0, json.GetProperty("data").GetArrayLength());
            AssertPrecision(json, path);
        }
        var history = (await sim.GetAsync("/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP")).Json.GetProperty("data")[0];
        Assert.Equal(RateDecimals, Decimals(history.GetProperty("realizedRate").GetString()!)); // a repeating rate, cut at 16

        string[] privatePaths =
        [
            "/api/v5/account/positions?instId=BTC-USDT-SWAP",
            "/api/v5/account/balance",
            "/api/v5/account/bills?instType=SWAP",
            "/api/v5/trade/orders-pending?instType=SWAP",
        ];
        foreach (var path in privatePaths)
        {
            var (status, json) = await sim.SignedAsync(HttpMethod.Get, path);
            Assert.Equal(200, status);
            Assert.NotEqual(0, json.GetProperty("data").GetArrayLength());
            AssertPrecision(json, path);
        }
        var bills = (await sim.SignedAsync(HttpMethod.Get, "/api/v5/account/bills?type=8")).Json.GetProperty("data");
        Assert.Equal("60000", Assert.Single(bills.EnumerateArray()).GetProperty("px").GetString()); // the 08:00 mark, 60000 + 1 / 180
    }

    /// <summary>Every string that reads as a number has at most 16 decimals, and every price field at most the tick's.</summary>
    private static void AssertPrecision(JsonElement json, string where = "")
    {
        var problems = new List<string>();
        Walk(json, "$", null, problems);
        Assert.True(problems.Count == 0, $"{where} has numbers with too many decimals:\n{string.Join("\n", problems)}\n{json.GetRawText()}");
    }

    private static void Walk(JsonElement element, string path, string? name, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, path + "." + property.Name, property.Name, problems);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[{i++}]", name, problems);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)) break;
                var limit = name is not null && PriceFields.Contains(name) ? TickDecimals : RateDecimals;
                if (Decimals(text) > limit) problems.Add($"{path} = \"{text}\" (more than {limit} decimals)");
                break;
        }
    }

    private static int Decimals(string text) => text.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? text.Length - dot - 1 : 0;
}
