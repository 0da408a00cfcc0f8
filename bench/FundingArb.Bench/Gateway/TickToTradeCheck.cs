using System.Diagnostics;
using System.Text;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Bench.Gateway;

/// <summary>Before anything is measured: one round of each flow, checking that every tick opens exactly one pair and
/// writes both legs' frames (each naming its leg's symbol, side and client order id, Binance's signed), printing a pair
/// of frames of each kind, then where the bytes of a tick-to-trade go (<see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// over whole rounds, and the attempt's objects one by one).</summary>
public static class TickToTradeCheck
{
    public static void Run(TickToTradeRig rig, TextWriter log)
    {
        // Warm-up rounds also grow the core's in-flight table and the risk book to a round's size, once.
        for (var round = 0; round < 3; round++)
        {
            Round(rig, rig.Ours, check: round == 0, log: round == 0 ? log : null, "ours");
            Round(rig, rig.Conventional, check: round == 0, log: round == 0 ? log : null, "conventional");
            DecideRound(rig);
        }

        // Tiered JIT: a method is recompiled optimised only after it has been called 30 times and no new method has been
        // jitted for 100 ms, in the background. A short job's iterations (one round, a few ms each) add up to less than that,
        // so without this they would measure tier-0 code: run the flows for 2 s, then let the background compiles finish.
        var warm = Stopwatch.StartNew();
        var rounds = 0;
        while (warm.Elapsed < TimeSpan.FromSeconds(2))
        {
            Round(rig, rig.Ours, check: false, log: null, "ours");
            Round(rig, rig.Conventional, check: false, log: null, "conventional");
            DecideRound(rig);
            rounds++;
        }
        Thread.Sleep(500);
        log.WriteLine($"// {rig.Trigger}: warmed up with {rounds} rounds of each flow ({rounds * TickToTradeRig.Instruments} ticks each) in {warm.Elapsed.TotalSeconds:0.0} s");

        var decide = PerTick(rig, () => rig.DecideNext(Stopwatch.GetTimestamp()));
        var ours = PerTick(rig, () => rig.TickNext(Stopwatch.GetTimestamp(), rig.Ours));
        var conventional = PerTick(rig, () => rig.TickNext(Stopwatch.GetTimestamp(), rig.Conventional));
        log.WriteLine($"// {rig.Trigger} ({rig.OpenFrameLength} B frame): allocated per tick — frame → intent {decide:0} B; " +
                      $"ours {ours:0} B; conventional {conventional:0} B");
        log.WriteLine("// " + AttemptObjects(rig));
    }

    private static void Round(TickToTradeRig rig, IAttemptActions actions, bool check, TextWriter? log, string name)
    {
        var sent = rig.Core.IntentsSent;
        for (var i = 0; i < TickToTradeRig.Instruments; i++)
        {
            var attempt = rig.TickNext(Stopwatch.GetTimestamp(), actions);
            if (!check) continue;
            if (attempt.Long.Orders.Count != 1 || attempt.Short.Orders.Count != 1
                || attempt.Long.Orders[0].Phase != OrderPhase.Sending || attempt.Short.Orders[0].Phase != OrderPhase.Sending)
                throw new InvalidOperationException($"Tick {i}: {attempt}");
            for (var leg = 0; leg < 2; leg++)
            {
                var frame = Frame(actions, leg);
                var order = attempt.Leg(leg).Orders[0];
                var text = Encoding.UTF8.GetString(frame.Span);
                var binance = text.Contains("\"order.place\"", StringComparison.Ordinal);
                var expected = new List<string> { order.Id.ToString() };
                expected.Add(binance ? (attempt.Leg(leg).Side == OrderSide.Buy ? "\"BUY\"" : "\"SELL\"") : (attempt.Leg(leg).Side == OrderSide.Buy ? "\"buy\"" : "\"sell\""));
                expected.Add(binance ? "\"signature\":\"" : "\"op\":\"order\"");
                expected.Add(binance ? $"\"C{i:D4}USDT\"" : $"\"C{i:D4}-USDT-SWAP\"");
                foreach (var needle in expected)
                    if (!text.Contains(needle, StringComparison.Ordinal))
                        throw new InvalidOperationException($"{name}, tick {i}, leg {leg}: {needle} missing from {text}");
                if (i == 0) log?.WriteLine($"// {name} leg {leg} ({frame.Length} B): {text}");
            }
        }
        if (rig.Core.IntentsSent - sent != TickToTradeRig.Instruments) throw new InvalidOperationException("Not one intent per tick.");
        rig.ResetAll();
    }

    private static void DecideRound(TickToTradeRig rig)
    {
        for (var i = 0; i < TickToTradeRig.Instruments; i++) rig.DecideNext(Stopwatch.GetTimestamp());
        rig.ResetAll();
    }

    private static ReadOnlyMemory<byte> Frame(IAttemptActions actions, int leg) => actions switch
    {
        VenueFrameActions ours => ours.LastFrames[leg],
        ConventionalFrameActions conventional => conventional.LastFrames[leg],
        _ => throw new ArgumentException("Unknown actions.", nameof(actions)),
    };

    private static double PerTick(TickToTradeRig rig, Action tick)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < TickToTradeRig.Instruments; i++) tick();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        rig.ResetAll();
        return bytes / (double)TickToTradeRig.Instruments;
    }

    /// <summary>The objects one attempt allocates, measured one by one (x64 sizes, headers included).</summary>
    private static string AttemptObjects(TickToTradeRig rig)
    {
        var attempt = rig.TickNext(Stopwatch.GetTimestamp(), rig.Ours);
        var intent = attempt.Intent;
        var rules = attempt.Long.Rules;
        var request = attempt.Long.Orders[0].Request;
        rig.ResetAll();

        long Bytes(Action allocate)
        {
            allocate(); // first call may initialise statics
            var before = GC.GetAllocatedBytesForCurrentThread();
            allocate();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        ArbitrageAttempt? keep = null;
        var ctor = Bytes(() => keep = new ArbitrageAttempt(intent, rules, rules, GatewayConfig.Default, rig.Ours));
        var leg = Bytes(() => _ = new LegExecution(keep!, 0, intent.LongVenue, intent.Instrument, OrderSide.Buy, intent.LongQuantity, intent.LongLimitPrice, rules));
        var list = Bytes(() => _ = new List<LegOrder>(4));
        var legArray = Bytes(() => _ = new LegExecution[2]);
        var order = Bytes(() => _ = new LegOrder(0, OrderRole.Entry, request));
        var attemptObject = ctor - legArray - 2 * leg;
        return $"per attempt: ArbitrageAttempt {attemptObject} B + LegExecution[2] {legArray} B + 2 × (LegExecution {leg - list} B + " +
               $"List<LegOrder>(4) {list} B) in the constructor = {ctor} B; Start: 2 × LegOrder {order} B = {2 * order} B; total {ctor + 2 * order} B";
    }
}
