using System.Text;
using System.Text.Json;
using FundingArb.Gateway;
using FundingArb.Market;
using FundingArb.Venues.Okx;

namespace FundingArb.Tests.Venues.Okx;

/// <summary>OKX signing from the docs' recipe and example values (Fixtures/README.md names the pages; the docs publish
/// no reproducible signature, so the expected values are DERIVED with openssl), the ISO timestamp, and the request writer:
/// the op frames and bodies the docs describe.</summary>
public sealed class OkxSigningTests
{
    private const string DocsSecret = "22582BD0CFF14C41EDBF1AB98506286D";
    private const string DocsTimestamp = "2020-12-08T09:08:57.715Z";

    private static string RestSign(string method, string path, string body)
    {
        using var signer = new OkxSigner(new ApiCredentials("docs-key", DocsSecret, "docs-passphrase"));
        var signature = new byte[OkxSigner.SignatureLength];
        signer.SignRest(Encoding.ASCII.GetBytes(DocsTimestamp), Encoding.ASCII.GetBytes(method), Encoding.ASCII.GetBytes(path), Encoding.ASCII.GetBytes(body), signature);
        return Encoding.ASCII.GetString(signature);
    }

    [Fact]
    public void Rest_get_example_of_the_authentication_page()
    {
        // #overview-rest-authentication-signature: timestamp + 'GET' + '/api/v5/account/balance?ccy=BTC'; the docs give no
        // output, so the value is DERIVED: printf '%s' '2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC' |
        // openssl dgst -sha256 -hmac 22582BD0CFF14C41EDBF1AB98506286D -binary | base64
        Assert.Equal("HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=", RestSign("GET", "/api/v5/account/balance?ccy=BTC", ""));
    }

    [Fact]
    public void Rest_post_example_body_of_the_authentication_page()
    {
        // Same page, its example body; the value is DERIVED with openssl as above.
        Assert.Equal("eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=",
            RestSign("POST", "/api/v5/account/set-leverage", """{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}"""));
    }

    [Fact]
    public void WebSocket_login_sign_of_the_docs_timestamp()
    {
        // #overview-websocket-login: sign = Base64(HMAC(timestamp + 'GET' + '/users/self/verify')). The docs' own sign
        // "7L+zFQ+CEgGu5rzCj4+BdV2/uUHGqddA9pI6ztsRRPs=" is illustrative and cannot be reproduced; DERIVED with openssl.
        using var signer = new OkxSigner(new ApiCredentials("docs-key", DocsSecret, "docs-passphrase"));
        var signature = new byte[OkxSigner.SignatureLength];
        signer.SignLogin(1538054050, signature);
        Assert.Equal("+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=", Encoding.ASCII.GetString(signature));
    }

    [Fact]
    public void The_iso_timestamp_has_milliseconds_and_a_z()
    {
        var bytes = new byte[OkxSigner.IsoTimestampLength];
        OkxSigner.FormatIsoTimestamp(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero).ToUnixTimeMilliseconds(), bytes);
        Assert.Equal(DocsTimestamp, Encoding.ASCII.GetString(bytes));
        OkxSigner.FormatIsoTimestamp(new DateTimeOffset(2026, 1, 5, 7, 9, 3, 7, TimeSpan.Zero).ToUnixTimeMilliseconds(), bytes);
        Assert.Equal("2026-01-05T07:09:03.007Z", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void The_writer_signs_exactly_the_body_it_writes_and_frames_the_ops_as_documented()
    {
        using var writer = new OkxOrderWriter(new ApiCredentials("docs-key", DocsSecret, "docs-passphrase"));
        var order = OrderRequest.Limit(new InstrumentId(1), ClientOrderId.Parse("b15"), OrderSide.Buy, Quantity.Parse("2"), Price.Parse("2.15"),
            TimeInForce.PostOnly, reduceOnly: true);
        var body = Encoding.ASCII.GetString(writer.PlaceBody(order, "BTC-USDT-SWAP"u8).Span);
        Assert.Equal("""{"instId":"BTC-USDT-SWAP","tdMode":"cross","clOrdId":"b15","side":"buy","posSide":"net","ordType":"post_only","sz":"2","px":"2.15","reduceOnly":true}""", body);
        writer.SignRest("POST"u8, "/api/v5/trade/order"u8, Encoding.ASCII.GetBytes(body), new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero).ToUnixTimeMilliseconds());
        Assert.Equal(DocsTimestamp, Encoding.ASCII.GetString(writer.Timestamp));
        Assert.Equal(Tools.VenueSim.Okx.OkxSim.Sign(DocsSecret, DocsTimestamp + "POST/api/v5/trade/order" + body), Encoding.ASCII.GetString(writer.Signature));

        var market = OrderRequest.Market(new InstrumentId(1), ClientOrderId.Parse("m1"), OrderSide.Sell, Quantity.Parse("0.5"));
        using var op = JsonDocument.Parse(writer.PlaceOp(1512, market, "BTC-USDT-SWAP"u8));
        Assert.Equal("1512", op.RootElement.GetProperty("id").GetString());
        Assert.Equal("order", op.RootElement.GetProperty("op").GetString());
        var arg = Assert.Single(op.RootElement.GetProperty("args").EnumerateArray());
        Assert.Equal("market", arg.GetProperty("ordType").GetString());
        Assert.Equal("0.5", arg.GetProperty("sz").GetString());
        Assert.False(arg.TryGetProperty("px", out _));
        Assert.False(arg.TryGetProperty("reduceOnly", out _));

        using var cancel = JsonDocument.Parse(writer.CancelOp(7, "BTC-USDT-SWAP"u8, ClientOrderId.Parse("m1")));
        Assert.Equal("""{"id":"7","op":"cancel-order","args":[{"instId":"BTC-USDT-SWAP","clOrdId":"m1"}]}""", cancel.RootElement.GetRawText());

        using var login = JsonDocument.Parse(writer.LoginFrame(1538054050));
        var loginArg = login.RootElement.GetProperty("args")[0];
        Assert.Equal("login", login.RootElement.GetProperty("op").GetString());
        Assert.Equal("docs-passphrase", loginArg.GetProperty("passphrase").GetString());
        Assert.Equal("1538054050", loginArg.GetProperty("timestamp").GetString());
        Assert.Equal("+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=", loginArg.GetProperty("sign").GetString());
    }
}
