using System.Text;
using FundingArb.Market;

namespace FundingArb.Tests.Market;

public class InstrumentRegistryTests
{
    [Fact]
    public void Venues_get_distinct_nonzero_ids_and_registering_twice_returns_the_same_id()
    {
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        var okx = registry.AddVenue("okx");

        Assert.False(binance.IsNone);
        Assert.NotEqual(binance, okx);
        Assert.Equal(binance, registry.AddVenue("binance"));
        Assert.Equal("okx", registry.VenueName(okx));
        Assert.True(registry.TryGetVenue("binance", out var found));
        Assert.Equal(binance, found);
        Assert.False(registry.TryGetVenue("kraken", out _));
    }

    [Fact]
    public void Symbols_of_three_venues_resolve_from_utf8_bytes_to_one_canonical_instrument()
    {
        var registry = new InstrumentRegistry();
        var binance = registry.AddVenue("binance");
        var bybit = registry.AddVenue("bybit");
        var okx = registry.AddVenue("okx");
        var btc = registry.Intern("BTC", "USDT");
        registry.MapSymbol(binance, "BTCUSDT", btc);
        registry.MapSymbol(bybit, "BTCUSDT", btc);
        registry.MapSymbol(okx, "BTC-USDT-SWAP", btc);

        Assert.Equal("BTC-USDT-PERP", registry.Canonical(btc));
        Assert.True(registry.TryResolve(okx, "BTC-USDT-SWAP"u8, out var viaOkx));
        Assert.True(registry.TryResolve(bybit, "BTCUSDT"u8, out var viaBybit));
        Assert.Equal(btc, viaOkx);
        Assert.Equal(btc, viaBybit);
        Assert.Equal("BTC-USDT-SWAP", registry.VenueSymbol(okx, btc));

        // The same bytes on another venue, or a near miss, do not resolve.
        Assert.False(registry.TryResolve(binance, "BTC-USDT-SWAP"u8, out _));
        Assert.False(registry.TryResolve(binance, "BTCUSD"u8, out _));
        Assert.False(registry.TryResolve(binance, "btcusdt"u8, out _));
        Assert.False(registry.TryResolve(binance, ""u8, out _));
    }

    [Fact]
    public void Many_instruments_keep_resolving_after_the_table_grows()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue("binance");
        var ids = new InstrumentId[500];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = registry.Intern($"C{i}", "USDT");
            registry.MapSymbol(venue, $"C{i}USDT", ids[i]);
        }
        var lateVenue = registry.AddVenue("okx"); // a venue added after the instruments still gets a full column
        registry.MapSymbol(lateVenue, "C7-USDT-SWAP", ids[7]);

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(registry.TryResolve(venue, Encoding.UTF8.GetBytes($"C{i}USDT"), out var id));
            Assert.Equal(ids[i], id);
        }
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal("C7-USDT-SWAP", registry.VenueSymbol(lateVenue, ids[7]));
        Assert.Null(registry.VenueSymbol(lateVenue, ids[8]));
    }

    [Fact]
    public void Conflicting_mappings_are_refused_with_a_message_that_names_both()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue("bybit");
        var btc = registry.Intern("BTC", "USDT");
        var eth = registry.Intern("ETH", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", btc);
        registry.MapSymbol(venue, "BTCUSDT", btc); // idempotent

        var sameSymbol = Assert.Throws<InvalidOperationException>(() => registry.MapSymbol(venue, "BTCUSDT", eth));
        Assert.Contains("BTCUSDT", sameSymbol.Message);
        var sameInstrument = Assert.Throws<InvalidOperationException>(() => registry.MapSymbol(venue, "BTCPERP", btc));
        Assert.Contains("BTC-USDT-PERP", sameInstrument.Message);
        Assert.Contains("BTCPERP", sameInstrument.Message);
    }

    [Theory]
    [InlineData("BTC-USDT")]
    [InlineData("btc-usdt-perp")]
    [InlineData("BTCUSDT-PERP")]
    [InlineData("-USDT-PERP")]
    [InlineData("BTC--PERP")]
    [InlineData("BTC-USDT-SWAP")]
    [InlineData("BTC-US DT-PERP")]
    public void Non_canonical_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new InstrumentRegistry().InternCanonical(name));
        Assert.Contains("BASE-QUOTE-PERP", error.Message);
    }

    [Fact]
    public void Interning_is_idempotent_and_accepts_digits_in_assets()
    {
        var registry = new InstrumentRegistry();
        var a = registry.Intern("1000PEPE", "USDT");
        Assert.Equal(a, registry.InternCanonical("1000PEPE-USDT-PERP"));
        Assert.True(registry.TryGetInstrument("1000PEPE-USDT-PERP", out var found));
        Assert.Equal(a, found);
        Assert.Equal(1, registry.InstrumentCount);
    }

    [Fact]
    public void Resolving_a_symbol_allocates_nothing()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue("okx");
        for (var i = 0; i < 50; i++) registry.MapSymbol(venue, $"C{i}-USDT-SWAP", registry.Intern($"C{i}", "USDT"));
        var symbol = "C42-USDT-SWAP"u8.ToArray();
        var hits = 0;
        var allocated = SteadyStateAllocation.BytesPerRound(() =>
        {
            if (registry.TryResolve(venue, symbol, out _)) hits++;
        }, 10_000);

        Assert.Equal(40_000, hits); // warm-up round + three measured rounds
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Lookups_on_other_threads_never_miss_a_published_symbol_while_symbols_are_added()
    {
        var registry = new InstrumentRegistry();
        var venue = registry.AddVenue("binance");
        var first = registry.Intern("BTC", "USDT");
        registry.MapSymbol(venue, "BTCUSDT", first);
        var stop = 0;
        var misses = 0;
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
                if (!registry.TryResolve(venue, "BTCUSDT"u8, out var id) || id != first) Interlocked.Increment(ref misses);
        });
        reader.Start();
        for (var i = 0; i < 300; i++) registry.MapSymbol(venue, $"C{i}USDT", registry.Intern($"C{i}", "USDT"));
        Volatile.Write(ref stop, 1);
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "reader thread did not stop");
        Assert.Equal(0, misses);
    }
}
