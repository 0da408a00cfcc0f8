using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>The codes the first map missed, sub-coded sCodes, and an op refused with an error event carrying its id.</summary>
public sealed class OkxErrorCodeTests
{
    [Theory]
    [InlineData(50040, ExecutionErrorKind.RateLimited)]
    [InlineData(60014, ExecutionErrorKind.RateLimited)]
    [InlineData(50071, ExecutionErrorKind.DuplicateClientOrderId)]
    [InlineData(50017, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(50020, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(50023, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(50046, ExecutionErrorKind.VenueUnavailable)]
    [InlineData(50064, ExecutionErrorKind.VenueUnavailable)]
    public void Codes_meaning_slow_down_duplicate_or_try_later_map_to_their_kinds(int code, ExecutionErrorKind kind)
    {
        var error = OkxErrorMap.FromVenue(code, "msg"u8, 200);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(kind != ExecutionErrorKind.DuplicateClientOrderId, error.Kind.IsTransient);
    }

    [Theory]
    [InlineData("\"51008_1000\"", 51008)]
    [InlineData("\"51008\"", 51008)]
    [InlineData("\"\"", 0)]
    [InlineData("\"51008_\"", -1)]
    [InlineData("\"_1000\"", -1)]
    [InlineData("\"5x\"", -1)]
    public void A_sub_coded_scode_reads_as_its_main_code(string json, int expected)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        Assert.Equal(expected, OkxJson.ReadCode(ref reader));
    }

    private static OkxPrivateParser Parser()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        return new OkxPrivateParser(venue, registry);
    }

    [Fact]
    public void An_op_refused_with_a_sub_coded_scode_carries_the_main_code()
    {
        var parser = Parser();
        var refused = """{"id":"9","op":"order","data":[{"clOrdId":"a1","ordId":"","tag":"","ts":"1695190491421","sCode":"51008_1000","sMsg":"Insufficient margin"}],"code":"1","msg":"All operations failed"}"""u8;
        Assert.Equal(OkxPrivateFrame.OpAnswer, parser.Parse(refused, 0));
        Assert.Equal((ExecutionErrorKind.InsufficientMargin, 51008), (parser.Answer.Error.Kind, parser.Answer.Error.VenueCode));
    }

    [Fact]
    public void An_error_event_with_an_id_is_the_answer_to_that_op()
    {
        var parser = Parser();
        Assert.Equal(OkxPrivateFrame.OpAnswer, parser.Parse("""{"event":"error","id":"42","code":"60014","msg":"Requests too frequent.","connId":"a4d3ae55"}"""u8, 0));
        Assert.Equal(42, parser.AnswerId);
        Assert.Equal((ExecutionErrorKind.RateLimited, 60014), (parser.Answer.Error.Kind, parser.Answer.Error.VenueCode));
        Assert.Equal(OkxPrivateFrame.Error, parser.Parse("""{"event":"error","code":"60012","msg":"Invalid request","connId":"a4d3ae55"}"""u8, 0));
    }
}
