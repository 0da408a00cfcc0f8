using System.Net;
using System.Text;
using System.Web;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Replay;
using FundingArb.Ring;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>Funding payments from the bills: a settlement while the engine was down is reported at start (within the
/// look-back), a bill is marked seen only once published, pages are followed, and a bill without an id is malformed.</summary>
public sealed class OkxFundingBillsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_settlement_while_the_engine_was_down_is_reported_at_start()
    {
        await using var h = await OkxTradingHarness.StartAsync(start: false);
        Assert.True((await h.Client.PlaceAsync(OrderRequest.Market(h.Btc, OkxTradingHarness.NextId(), OrderSide.Buy, Quantity.Parse("10")), Ct)).IsOk);
        h.Sim.Advance(TimeSpan.FromSeconds(61)); // the 08:00 settlement, before the client starts

        await h.Client.StartAsync(Ct);
        var funding = await h.WaitForAsync(u => u.Kind == ExecutionUpdateKind.FundingPayment, "the settlement paid while down");
        Assert.Equal(h.Btc, funding.Instrument);
        Assert.Equal(Quantity.Parse("-0.27"), funding.Amount);
        Assert.False((await h.Client.PollFundingAsync(report: true, Ct)).IsError);
        h.Drain();
        Assert.Single(h.Updates, u => u.Kind == ExecutionUpdateKind.FundingPayment);
    }

    /// <summary>Answers the bills path from a function of its query.</summary>
    private sealed class BillsHandler(Func<System.Collections.Specialized.NameValueCollection, string> answer) : HttpMessageHandler
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.PathAndQuery);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(answer(HttpUtility.ParseQueryString(request.RequestUri.Query)), Encoding.UTF8, "application/json"),
            });
        }
    }

    private const long Settlement = 1_767_600_000_000; // 2026-01-05T08:00:00Z

    private static (OkxExecutionClient Client, RingBuffer<ExecutionUpdate> Ring, VirtualClock Clock) Client(BillsHandler handler)
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue(OkxMarketData.VenueName);
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTC-USDT-SWAP", btc);
        var ring = RingBuffer<ExecutionUpdate>.CreateSingleProducer(1024);
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 8, 0, 1, TimeSpan.Zero));
        var client = new OkxExecutionClient(venue, registry, OkxTradingHarness.Credentials(),
            new OkxExecutionOptions { Endpoints = OkxExecutionEndpoints.OnOneHost(new Uri("http://127.0.0.1:9")) }, ring, new HttpClient(handler), clock);
        return (client, ring, clock);
    }

    /// <summary>Bill <paramref name="id"/>, settled <paramref name="id"/> × 100 ms after 07:10 (newer ids are newer).</summary>
    private static string Bill(long id, string balChg = "-0.27") =>
        $$"""{"billId":"{{id}}","instId":"BTC-USDT-SWAP","ccy":"USDT","balChg":"{{balChg}}","ts":"{{TimeOf(id)}}","type":"8"}""";

    private static long TimeOf(long id) => Settlement - 3_000_000 + id * 100;

    private static string Page(IEnumerable<string> bills) => """{"code":"0","msg":"","data":[""" + string.Join(",", bills) + "]}";

    [Fact]
    public async Task One_unreadable_bill_in_a_page_publishes_nothing_and_marks_nothing_seen_so_the_next_read_reports_the_good_ones()
    {
        var body = Page([Bill(1001), Bill(1002, balChg: "n/a")]);
        var (client, ring, _) = Client(new BillsHandler(_ => body));
        await using var _ = client;
        Assert.True((await client.PollFundingAsync(report: true, Ct)).IsError);
        Assert.Equal(-1, ring.Cursor);
        Assert.Equal(0, client.SeenFundingBills);

        body = Page([Bill(1001)]);
        Assert.False((await client.PollFundingAsync(report: true, Ct)).IsError);
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(ExecutionUpdateKind.FundingPayment, ring[0].Kind);
        Assert.False((await client.PollFundingAsync(report: true, Ct)).IsError);
        Assert.Equal(0, ring.Cursor); // once
    }

    [Fact]
    public async Task A_bill_without_a_billId_is_malformed_not_a_bill_keyed_empty()
    {
        var (client, ring, _) = Client(new BillsHandler(_ => Page([Bill(1001).Replace("\"billId\":\"1001\",", "", StringComparison.Ordinal)])));
        await using var _ = client;
        Assert.True((await client.PollFundingAsync(report: true, Ct)).IsError);
        Assert.Equal(-1, ring.Cursor);
    }

    [Fact]
    public async Task More_than_a_page_of_bills_is_followed_by_billId_and_reported_oldest_first()
    {
        // 150 bills, ids 1..150, newest first; pages of 100 older than "after".
        var handler = new BillsHandler(query =>
        {
            var after = query["after"] is { } a ? long.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
            var limit = int.Parse(query["limit"]!, System.Globalization.CultureInfo.InvariantCulture);
            return Page(Enumerable.Range(1, 150).Select(i => (long)i).Reverse().Where(id => id < after).Take(limit).Select(id => Bill(id)));
        });
        var (client, ring, _) = Client(handler);
        await using var _ = client;
        Assert.False((await client.PollFundingAsync(report: true, Ct)).IsError);
        Assert.Equal(149, ring.Cursor);
        Assert.Equal(2, handler.Paths.Count);
        Assert.Contains("after=51", handler.Paths[1], StringComparison.Ordinal);
        Assert.All(handler.Paths, p => Assert.Contains("limit=100", p, StringComparison.Ordinal));
        Assert.Equal(150, client.SeenFundingBills);
    }

    [Fact]
    public async Task The_seen_set_is_bounded_and_a_forgotten_bill_is_behind_the_watermark()
    {
        var next = 1L;
        var handler = new BillsHandler(query => query["after"] is null ? Page(Enumerable.Range(0, 100).Select(i => Bill(next + 99 - i))) : Page([]));
        var (client, _, clock) = Client(handler);
        await using var _ = client;
        var watermark = client.FundingWatermarkMs;
        for (var round = 0; round < OkxExecutionClient.MaxSeenBills / 100 + 2; round++)
        {
            Assert.False((await client.PollFundingAsync(report: true, Ct)).IsError);
            next += 100;
            clock.Advance(TimeSpan.FromSeconds(1)); // the bills limit: 5 / 1 s
        }
        Assert.Equal(OkxExecutionClient.MaxSeenBills, client.SeenFundingBills);
        var forgotten = next - 1 - OkxExecutionClient.MaxSeenBills; // the newest bill forgotten
        Assert.Equal(TimeOf(forgotten) + 1, client.FundingWatermarkMs); // past the forgotten bills' time: never read again
        Assert.True(client.FundingWatermarkMs > watermark);
    }
}
