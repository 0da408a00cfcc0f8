using System.Globalization;
using System.Text.Json;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Faults;

/// <summary>Reads and validates fault scripts (format: tools/VenueSim/README.md, "Fault injection"). Comments and
/// trailing commas are allowed; unknown fields, and fields the kind does not take, are refused. Every refusal names the
/// field as a JSON path and says what it must be.</summary>
public static class FaultScriptLoader
{
    private static readonly string[] OrderSelection = ["symbol", "clientOrderId", "side", "reduceOnly", "nth", "count", "probability"];
    private static readonly string[] RequestSelection = ["operation", "transport", "nth", "count", "probability"];
    private static readonly string[] BookSelection = ["symbol", "nth", "count", "probability"];

    /// <summary>The fields each kind takes besides "kind", "at" and "for".</summary>
    private static readonly Dictionary<FaultKind, string[]> Fields = new()
    {
        [FaultKind.Reject] = [.. OrderSelection, "reason", "code", "message", "status"],
        [FaultKind.NeverFill] = OrderSelection,
        [FaultKind.PartialFill] = [.. OrderSelection, "fraction", "quantity"],
        [FaultKind.LateFill] = [.. OrderSelection, "delay", "fillsDespiteCancel"],
        [FaultKind.DuplicateUpdates] = OrderSelection,
        [FaultKind.OutOfOrderUpdates] = OrderSelection,
        [FaultKind.Latency] = [.. RequestSelection, "delay", "jitter"],
        [FaultKind.ServerError] = [.. RequestSelection, "status", "executed", "code", "message"],
        [FaultKind.RateLimit] = [.. RequestSelection, "status", "retryAfter", "executed", "code", "message"],
        [FaultKind.Reset] = [.. RequestSelection, "executed"],
        [FaultKind.DropConnection] = [.. OrderSelection, "connection"],
        [FaultKind.StaleFeed] = ["channel", "symbol"],
        [FaultKind.SequenceGap] = BookSelection,
        [FaultKind.BadChecksum] = BookSelection,
        [FaultKind.VenueDown] = ["mode"],
    };

    private static readonly Dictionary<string, RejectReason> Reasons = new(StringComparer.Ordinal)
    {
        ["insufficientMargin"] = RejectReason.InsufficientMargin,
        ["reduceOnly"] = RejectReason.ReduceOnlyWouldIncrease,
        ["rateLimit"] = RejectReason.RateLimited,
        ["generic"] = RejectReason.Unspecified,
        ["postOnly"] = RejectReason.PostOnlyWouldTake,
        ["fillOrKill"] = RejectReason.FillOrKillUnfillable,
        ["duplicateClientOrderId"] = RejectReason.DuplicateClientOrderId,
        ["tooManyOpenOrders"] = RejectReason.TooManyOpenOrders,
        ["priceAboveBand"] = RejectReason.PriceAboveBand,
        ["priceBelowBand"] = RejectReason.PriceBelowBand,
        ["minNotional"] = RejectReason.NotionalTooSmall,
        ["unknownSymbol"] = RejectReason.UnknownSymbol,
    };

    public static FaultScript LoadFile(string path) =>
        Parse(InputFile.Read(path, e => new FaultScriptException($"Cannot read fault script '{path}': {e.Message}", e)), path);

    public static FaultScript Parse(string json, string source = "fault script")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FaultScriptException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FaultScriptException($"{source}: $ must be an object with a list of faults per venue, e.g. {{\"binance\": [{{\"kind\": \"reject\", \"nth\": 1}}]}}.");
            var rules = new Dictionary<VenueKind, IReadOnlyList<FaultRule>>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name == "description") continue;
                if (!VenueNames.TryParse(property.Name, out var venue))
                    throw new FaultScriptException($"{source}: $.{property.Name} is not a field; use \"description\" or a venue: \"binance\", \"bybit\", \"okx\".");
                if (property.Value.ValueKind != JsonValueKind.Array)
                    throw new FaultScriptException($"{source}: $.{property.Name} must be a list of faults.");
                var list = new List<FaultRule>();
                var i = 0;
                foreach (var item in property.Value.EnumerateArray())
                    list.Add(ReadRule(item, venue, $"$.{property.Name}[{i++}]", source));
                rules[venue] = list;
            }
            return new FaultScript(rules);
        }
    }

    private static FaultRule ReadRule(JsonElement item, VenueKind venue, string at, string source)
    {
        FaultScriptException Bad(string field, string rule) => new($"{source}: {at}.{field} {rule}");
        if (item.ValueKind != JsonValueKind.Object) throw new FaultScriptException($"{source}: {at} must be an object with a \"kind\".");
        if (!item.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
            || !TryParseKind(kindElement.GetString(), out var kind))
            throw Bad("kind", $"must be one of {string.Join(", ", Enum.GetValues<FaultKind>().Select(k => "\"" + Camel(k.ToString()) + "\""))}.");
        var rule = new FaultRule { Kind = kind };
        var allowed = Fields[kind];
        foreach (var p in item.EnumerateObject())
        {
            var name = p.Name;
            if (name == "kind") continue;
            if (name is not ("at" or "for") && !allowed.Contains(name))
                throw Bad(name, $"is not a field of {Camel(kind.ToString())}; it takes \"at\", \"for\"{string.Concat(allowed.Select(a => ", \"" + a + "\""))}.");
            var v = p.Value;
            rule = name switch
            {
                "at" => rule with { At = Duration(v, () => Bad(name, "must be a duration from the simulator's start such as \"0s\" or \"2m30s\".")) },
                "for" => rule with { For = Duration(v, () => Bad(name, "must be a duration such as \"30s\".")) },
                "delay" => rule with { Delay = Duration(v, () => Bad(name, "must be a duration such as \"250ms\".")) },
                "jitter" => rule with { Jitter = Duration(v, () => Bad(name, "must be a duration such as \"100ms\".")) },
                "retryAfter" => rule with { RetryAfter = Duration(v, () => Bad(name, "must be a duration such as \"2s\".")) },
                "symbol" => rule with { Symbol = Text(v, () => Bad(name, "must be the venue's own symbol, e.g. \"BTCUSDT\".")) },
                "clientOrderId" => rule with { ClientOrderId = Text(v, () => Bad(name, "must be a regular expression the whole client order id matches, e.g. \"hedge-.*\".")) },
                "message" => rule with { Message = Text(v, () => Bad(name, "must be the venue's message text.")) },
                "side" => rule with { Side = Choice(v, new Dictionary<string, OrderSide> { ["buy"] = OrderSide.Buy, ["sell"] = OrderSide.Sell }, () => Bad(name, "must be \"buy\" or \"sell\".")) },
                "reduceOnly" => rule with { ReduceOnly = Flag(v, () => Bad(name, "must be true or false.")) },
                "executed" => rule with { Executed = Flag(v, () => Bad(name, "must be true or false.")) },
                "fillsDespiteCancel" => rule with { FillsDespiteCancel = Flag(v, () => Bad(name, "must be true or false.")) },
                "nth" => rule with { Nth = Whole(v, () => Bad(name, "must be a whole number, 1 or more.")) },
                "count" => rule with { Count = Whole(v, () => Bad(name, "must be a whole number, 1 or more.")) },
                "code" => rule with { Code = Whole(v, () => Bad(name, "must be the venue's whole-number error code, e.g. -2019.")) },
                "status" => rule with { Status = Whole(v, () => Bad(name, "must be an HTTP status such as 503.")) },
                "probability" => rule with { Probability = (double)Number(v, () => Bad(name, "must be a number above 0 and at most 1, e.g. 0.1.")) },
                "fraction" => rule with { Fraction = Number(v, () => Bad(name, "must be a number between 0 and 1, e.g. \"0.5\".")) },
                "quantity" => rule with { Quantity = Number(v, () => Bad(name, "must be a positive number in venue units, e.g. \"0.002\".")) },
                "reason" => rule with { Reason = Choice(v, Reasons, () => Bad(name, $"must be one of {string.Join(", ", Reasons.Keys.Select(k => "\"" + k + "\""))}.")) },
                "operation" => rule with { Operation = Choice(v, Names<ApiOperation>(), () => Bad(name, "must be \"placeOrder\", \"cancelOrder\", \"queryOrder\", \"account\", \"marketData\" or \"userStream\".")) },
                "transport" => rule with { Transport = Choice(v, new Dictionary<string, ApiTransport> { ["rest"] = ApiTransport.Rest, ["ws"] = ApiTransport.WebSocket }, () => Bad(name, "must be \"rest\" or \"ws\" (the WebSocket trading API).")) },
                "channel" => rule with { Channel = Choice(v, Names<MarketChannel>(), () => Bad(name, "must be \"depth\", \"ticker\" or \"mark\".")) },
                "mode" => rule with { Mode = Choice(v, Names<OutageMode>(), () => Bad(name, "must be \"unavailable\" (REST 503) or \"reset\" (connections reset).")) },
                "connection" => rule with { Connection = Connections(v, () => Bad(name, "must be \"market\", \"private\", \"trading\", \"all\", or a list of them.")) },
                _ => throw new InvalidOperationException("a field listed for a kind has no reader: " + name),
            };
        }
        if (rule.Check(venue) is { } problem) throw Bad(problem.Field, problem.Rule);
        return rule;
    }

    private static bool TryParseKind(string? text, out FaultKind kind)
    {
        foreach (var candidate in Enum.GetValues<FaultKind>())
            if (Camel(candidate.ToString()) == text) { kind = candidate; return true; }
        kind = default;
        return false;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Dictionary<string, T> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => Camel(v.ToString()), v => v, StringComparer.Ordinal);

    private static TimeSpan Duration(JsonElement v, Func<FaultScriptException> bad) =>
        v.ValueKind == JsonValueKind.String && DurationText.TryParse(v.GetString(), out var d) ? d : throw bad();

    private static string Text(JsonElement v, Func<FaultScriptException> bad) =>
        v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw bad();

    private static bool Flag(JsonElement v, Func<FaultScriptException> bad) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw bad(),
    };

    private static int Whole(JsonElement v, Func<FaultScriptException> bad) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw bad();

    /// <summary>A JSON number or a decimal string ("0.5" stays exactly 0.5).</summary>
    private static decimal Number(JsonElement v, Func<FaultScriptException> bad) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw bad(),
    };

    private static T Choice<T>(JsonElement v, Dictionary<string, T> names, Func<FaultScriptException> bad) =>
        v.ValueKind == JsonValueKind.String && names.TryGetValue(v.GetString()!, out var value) ? value : throw bad();

    private static ConnectionKind Connections(JsonElement v, Func<FaultScriptException> bad)
    {
        var names = Names<ConnectionKind>();
        if (v.ValueKind == JsonValueKind.String) return Choice(v, names, bad);
        if (v.ValueKind != JsonValueKind.Array) throw bad();
        ConnectionKind kinds = 0;
        foreach (var item in v.EnumerateArray()) kinds |= Choice(item, names, bad);
        return kinds;
    }
}
