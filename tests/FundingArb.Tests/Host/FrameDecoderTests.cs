using System.Text;
using System.Text.Json;
using FundingArb.Feeds;
using FundingArb.Host;

namespace FundingArb.Tests.Host;

/// <summary>The decode contract (DESIGN.md) end to end: raw lines in, one JSON object per event out, problems on stderr
/// with their line number, through the same session and parsers the engine uses.</summary>
public class FrameDecoderTests
{
    private static (List<JsonElement> Events, string[] Errors) Decode(string venue, params string[] lines)
    {
        Assert.True(VenueDirectory.TryGet(venue, out var marketData), $"{venue} is not registered");
        using var output = new MemoryStream();
        var errors = new StringWriter();
        new FrameDecoder(marketData).Run(new StringReader(string.Join('\n', lines)), output, errors);
        var events = Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        return (events, errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Fixture(string venue, string name) =>
        JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Venues", venue, "Fixtures", name))).RootElement); // one line

    [Fact]
    public void Every_venue_of_the_contract_is_registered()
    {
        Assert.Equal(["binance", "bybit", "okx"], VenueDirectory.Names.Order());
    }

    [Fact]
    public void Okx_funding_rate_prints_the_settlement_the_current_rate_is_paid_at_and_the_interval()
    {
        var (events, errors) = Decode("okx", Fixture("Okx", "ws-funding-rate.json"));
        Assert.Empty(errors);
        var e = Assert.Single(events);
        Assert.Equal("okx", e.GetProperty("venue").GetString());
        Assert.Equal("BTC-USD-SWAP", e.GetProperty("symbol").GetString());
        Assert.Equal("BTC-USD-PERP", e.GetProperty("instrument").GetString());
        Assert.Equal("funding", e.GetProperty("kind").GetString());
        Assert.Equal(1700724675402, e.GetProperty("exchTime").GetInt64());
        Assert.Equal("0.0001875391284828", e.GetProperty("fundingRate").GetString());
        Assert.Equal(1700726400000, e.GetProperty("nextFundingTime").GetInt64()); // OKX fundingTime, not its nextFundingTime
        Assert.Equal(8, e.GetProperty("fundingIntervalHours").GetInt32());
        Assert.False(e.TryGetProperty("markPrice", out _));
    }

    [Fact]
    public void Funding_fields_from_separate_channels_merge_onto_what_came_before()
    {
        const string funding = """{"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"fundingRate":"0.0001","fundingTime":"1700726400000","instId":"BTC-USDT-SWAP","instType":"SWAP","method":"current_period","nextFundingTime":"1700755200000","ts":"1700724675402"}]}""";
        const string mark = """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"67321.4","ts":"1700724675999"}]}""";
        var (events, _) = Decode("okx", funding, mark);
        Assert.Equal(2, events.Count);
        var merged = events[1];
        Assert.Equal("67321.4", merged.GetProperty("markPrice").GetString());
        Assert.Equal("0.0001", merged.GetProperty("fundingRate").GetString());
        Assert.Equal(1700726400000, merged.GetProperty("nextFundingTime").GetInt64());
        Assert.Equal(1700724675999, merged.GetProperty("exchTime").GetInt64());
    }

    [Fact]
    public void A_book_prints_its_levels_and_the_venue_sequence_fields_under_their_own_names()
    {
        var (events, errors) = Decode("okx", Fixture("Okx", "ws-books-snapshot.json"), Fixture("Okx", "ws-books-update.json"));
        Assert.Empty(errors);
        Assert.Equal(["book_snapshot", "book_delta"], events.Select(e => e.GetProperty("kind").GetString()));
        var snapshot = events[0];
        Assert.Equal(8, snapshot.GetProperty("bids").GetArrayLength());
        Assert.Equal("8476.97", snapshot.GetProperty("bids")[0][0].GetString());
        Assert.Equal("256", snapshot.GetProperty("bids")[0][1].GetString()); // contracts, as OKX sends them
        Assert.Equal("8476.98", snapshot.GetProperty("asks")[0][0].GetString());
        Assert.Equal(123456, snapshot.GetProperty("seqId").GetInt64());
        Assert.Equal(-1, snapshot.GetProperty("prevSeqId").GetInt64());
        Assert.Equal(0, snapshot.GetProperty("checksum").GetInt64());
        Assert.Equal(123457, events[1].GetProperty("seqId").GetInt64());
        Assert.Equal(123456, events[1].GetProperty("prevSeqId").GetInt64());
    }

    [Fact]
    public void A_book_larger_than_one_slot_still_prints_as_one_event()
    {
        var asks = string.Join(',', Enumerable.Range(0, 150).Select(i => $"[\"{100 + i}.5\",\"{i + 1}\",\"0\",\"1\"]"));
        var bids = string.Join(',', Enumerable.Range(0, 150).Select(i => $"[\"{99 - i * 0.5:0.0}\",\"{i + 1}\",\"0\",\"1\"]"));
        var frame = $$"""{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"snapshot","data":[{"asks":[{{asks}}],"bids":[{{bids}}],"ts":"1597026383085","checksum":0,"prevSeqId":-1,"seqId":7}]}""";
        var (events, errors) = Decode("okx", frame);
        Assert.Empty(errors);
        var book = Assert.Single(events);
        Assert.Equal(150, book.GetProperty("asks").GetArrayLength());
        Assert.Equal(150, book.GetProperty("bids").GetArrayLength());
        Assert.Equal("249.5", book.GetProperty("asks")[149][0].GetString());
        Assert.False(book.TryGetProperty("part", out _));
    }

    [Fact]
    public void Bad_lines_go_to_stderr_with_their_number_and_reason_and_decoding_continues()
    {
        const string good = """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"1.5","ts":"1597026383085"}]}""";
        var (events, errors) = Decode("okx",
            good,
            """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"NaN","ts":"1597026383085"}]}""",
            """{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"-3","ts":"1597026383085"}]}""",
            """{"arg":{"channel":"mark-price","inst""",
            "",
            "pong",
            good);
        Assert.Equal(2, events.Count);
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("line 2: ", errors[0]);
        Assert.Contains("not a valid decimal", errors[0]);
        Assert.StartsWith("line 3: ", errors[1]);
        Assert.Contains("negative", errors[1]);
        Assert.StartsWith("line 4: ", errors[2]);
        Assert.Contains("malformed JSON", errors[2]);
    }

    [Fact]
    public void Acks_and_pongs_print_nothing()
    {
        var (events, errors) = Decode("okx", Fixture("Okx", "ws-subscribe-ack.json"), "pong");
        Assert.Empty(events);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_sequence_gap_is_noted_on_stderr_where_the_engine_would_resync()
    {
        var snapshot = """{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"snapshot","data":[{"asks":[["101","1","0","1"]],"bids":[["99","1","0","1"]],"ts":"1597026383085","checksum":0,"prevSeqId":-1,"seqId":10}]}""";
        var gap = """{"arg":{"channel":"books","instId":"BTC-USDT-SWAP"},"action":"update","data":[{"asks":[],"bids":[["98","1","0","1"]],"ts":"1597026383185","checksum":0,"prevSeqId":12,"seqId":15}]}""";
        var (events, errors) = Decode("okx", snapshot, gap);
        Assert.Equal(2, events.Count); // decode still prints it
        var note = Assert.Single(errors);
        Assert.StartsWith("line 2: note: BTC-USDT-PERP: sequence gap", note);
        Assert.Contains("resync", note);
    }
}
