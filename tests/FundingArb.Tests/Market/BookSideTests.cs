using FundingArb.Market;

namespace FundingArb.Tests.Market;

public class BookSideTests
{
    private static Price P(long whole) => new(whole * Price.One);
    private static Quantity Q(long whole) => new(whole * Quantity.One);

    [Fact]
    public void Bids_are_read_best_first_highest_price_first()
    {
        var bids = new BookSide(BookSideKind.Bid, 10);
        bids.Set(P(100), Q(1));
        bids.Set(P(102), Q(2));
        bids.Set(P(101), Q(3));

        Assert.Equal(3, bids.Count);
        Assert.Equal(P(102), bids[0].Price);
        Assert.Equal(P(101), bids[1].Price);
        Assert.Equal(P(100), bids[2].Price);
        Assert.Equal(Q(3), bids[1].Quantity);
        Assert.True(bids.IsBetter(P(102), P(101)));
    }

    [Fact]
    public void Asks_are_read_best_first_lowest_price_first()
    {
        var asks = new BookSide(BookSideKind.Ask, 10);
        asks.Set(P(105), Q(1));
        asks.Set(P(103), Q(2));
        asks.Set(P(104), Q(3));

        Assert.Equal([P(103), P(104), P(105)], Enumerable.Range(0, 3).Select(i => asks[i].Price));
        Assert.True(asks.TryGetBest(out var best));
        Assert.Equal(Q(2), best.Quantity);
        Assert.True(asks.IsBetter(P(103), P(104)));
    }

    [Fact]
    public void Set_replaces_an_existing_level_and_zero_removes_it_and_removing_an_absent_level_is_a_no_op()
    {
        var asks = new BookSide(BookSideKind.Ask, 10);
        asks.Set(P(103), Q(2));
        asks.Set(P(104), Q(3));
        asks.Set(P(103), Q(7));
        Assert.Equal(Q(7), asks.QuantityAt(P(103)));
        Assert.Equal(2, asks.Count);

        asks.Set(P(103), Quantity.Zero);
        Assert.Equal(1, asks.Count);
        Assert.Equal(P(104), asks[0].Price);
        Assert.Equal(Quantity.Zero, asks.QuantityAt(P(103)));

        asks.Set(P(999), Quantity.Zero);
        Assert.Equal(1, asks.Count);
    }

    [Fact]
    public void Invalid_levels_are_refused()
    {
        var bids = new BookSide(BookSideKind.Bid, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => bids.Set(Price.Zero, Q(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => bids.Set(new Price(-1), Q(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => bids.Set(P(1), new Quantity(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => bids[0]);
    }

    [Fact]
    public void A_full_side_drops_its_worst_level_and_reports_depth_beyond_the_drop_as_incomplete()
    {
        var bids = new BookSide(BookSideKind.Bid, 3);
        bids.Set(P(100), Q(1));
        bids.Set(P(99), Q(1));
        bids.Set(P(98), Q(1));
        Assert.False(bids.IsTruncated);
        Assert.True(bids.DepthThrough(P(90)).Complete);

        bids.Set(P(101), Q(1)); // better than everything: 98 falls off
        Assert.Equal(3, bids.Count);
        Assert.Equal(P(101), bids[0].Price);
        Assert.Equal(P(99), bids[2].Price);
        Assert.True(bids.IsTruncated);
        Assert.Equal(P(98), bids.KnownBetterThan);

        bids.Set(P(97), Q(1)); // worse than the worst kept: not stored, boundary unchanged (98 is better)
        Assert.Equal(P(99), bids[2].Price);
        Assert.Equal(P(98), bids.KnownBetterThan);

        Assert.True(bids.DepthThrough(P(99)).Complete);
        Assert.False(bids.DepthThrough(P(98)).Complete);

        bids.Clear();
        Assert.False(bids.IsTruncated);
        Assert.Equal(0, bids.Count);
    }

    [Fact]
    public void Depth_through_a_limit_sums_levels_at_or_better_than_the_limit()
    {
        var asks = new BookSide(BookSideKind.Ask, 10);
        asks.Set(P(100), Q(1));
        asks.Set(P(101), Q(2));
        asks.Set(P(105), Q(4));

        var depth = asks.DepthThrough(P(101));
        Assert.Equal(Q(3), depth.Quantity);
        Assert.Equal(100.0 * 1 + 101.0 * 2, depth.Notional, 9);
        Assert.True(depth.Complete);
        Assert.Equal(Quantity.Zero, asks.DepthThrough(P(99)).Quantity);
        Assert.Equal(Q(7), asks.DepthThrough(P(1000)).Quantity);
    }

    [Fact]
    public void Walking_the_book_gives_the_volume_weighted_price_and_the_worst_level_touched()
    {
        var asks = new BookSide(BookSideKind.Ask, 10);
        asks.Set(P(100), Q(1));
        asks.Set(P(102), Q(2));

        Assert.True(asks.TryWalk(Q(2), out var average, out var worst));
        Assert.Equal((100.0 + 102.0) / 2, average, 9);
        Assert.Equal(P(102), worst);

        Assert.True(asks.TryWalk(new Quantity(Quantity.One / 2), out average, out worst));
        Assert.Equal(100.0, average, 9);
        Assert.Equal(P(100), worst);

        Assert.False(asks.TryWalk(Q(4), out _, out _));
        Assert.False(asks.TryWalk(Quantity.Zero, out _, out _));
    }

    [Fact]
    public void Random_updates_match_a_sorted_dictionary_model()
    {
        var random = new Random(12345);
        foreach (var kind in new[] { BookSideKind.Bid, BookSideKind.Ask })
        {
            var side = new BookSide(kind, 128);
            var model = new SortedDictionary<long, long>();
            for (var step = 0; step < 20_000; step++)
            {
                var price = random.Next(1, 120) * 1000L;
                var quantity = random.Next(4) == 0 ? 0 : random.Next(1, 1000);
                side.Set(new Price(price), new Quantity(quantity));
                if (quantity == 0) model.Remove(price);
                else model[price] = quantity;
            }
            Assert.False(side.IsTruncated); // 119 distinct prices fit in 128 levels: the side must be exact
            var expected = (kind == BookSideKind.Bid ? model.Reverse() : model).ToList();
            Assert.Equal(expected.Count, side.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Key, side[i].Price.Raw);
                Assert.Equal(expected[i].Value, side[i].Quantity.Raw);
            }
        }
    }

    [Fact]
    public void A_truncated_side_still_agrees_with_the_model_on_every_level_it_keeps_and_on_everything_above_its_boundary()
    {
        var random = new Random(777);
        foreach (var kind in new[] { BookSideKind.Bid, BookSideKind.Ask })
        {
            var side = new BookSide(kind, 16);
            var model = new Dictionary<long, long>();
            for (var step = 0; step < 20_000; step++)
            {
                var price = random.Next(1, 120) * 1000L;
                var quantity = random.Next(3) == 0 ? 0 : random.Next(1, 1000);
                side.Set(new Price(price), new Quantity(quantity));
                if (quantity == 0) model.Remove(price);
                else model[price] = quantity;

                if (step % 500 != 0) continue;
                for (var i = 0; i < side.Count; i++)
                    Assert.Equal(model[side[i].Price.Raw], side[i].Quantity.Raw);
                var known = model.Keys
                    .Where(p => !side.IsTruncated || side.IsBetter(new Price(p), side.KnownBetterThan))
                    .OrderBy(p => kind == BookSideKind.Bid ? -p : p)
                    .ToList();
                Assert.Equal(known, Enumerable.Range(0, known.Count).Select(i => side[i].Price.Raw));
            }
            Assert.True(side.IsTruncated);
        }
    }

    [Fact]
    public void Updates_allocate_nothing()
    {
        var bids = new BookSide(BookSideKind.Bid, 256);
        for (var i = 1; i <= 200; i++) bids.Set(new Price(i * 10L), new Quantity(i));
        Churn(bids); // warm-up: the measured loop once, so one-time costs (JIT, statics) fall outside
        var before = GC.GetAllocatedBytesForCurrentThread();
        Churn(bids);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Churn(BookSide side)
        {
            for (var i = 0; i < 10_000; i++)
            {
                side.Set(new Price(1 + (i % 2000) * 7L), new Quantity(i % 3));
                _ = side.DepthThrough(new Price(1000));
                _ = side.TryWalk(new Quantity(50), out _, out _);
            }
        }
    }

    [Fact]
    public void Depth_of_a_very_deep_side_saturates_instead_of_throwing()
    {
        var asks = new BookSide(BookSideKind.Ask, 16);
        for (var i = 1; i <= 12; i++) asks.Set(P(i), new Quantity(FrameReaderMaxQuantityRaw));
        var depth = asks.DepthThrough(P(100));
        Assert.Equal(long.MaxValue, depth.Quantity.Raw);
        Assert.True(depth.Complete);
    }

    private const long FrameReaderMaxQuantityRaw = 10_000_000_000L * Quantity.One; // the largest quantity a feed accepts

    [Fact]
    public void Lookups_find_levels_both_near_the_top_and_deep_in_the_book()
    {
        var asks = new BookSide(BookSideKind.Ask, 1000);
        for (var i = 1; i <= 900; i += 2) asks.Set(P(i), Q(i));
        for (var i = 1; i <= 900; i += 2) Assert.Equal(Q(i), asks.QuantityAt(P(i)));
        for (var i = 2; i <= 900; i += 2) Assert.Equal(Quantity.Zero, asks.QuantityAt(P(i)));
        asks.Set(P(450), Q(7)); // insert in the middle, then the top, then beyond the worst
        asks.Set(P(0 + 1), Quantity.Zero);
        asks.Set(P(1000), Q(1));
        Assert.Equal(Q(7), asks.QuantityAt(P(450)));
        Assert.Equal(P(3), asks[0].Price);
        Assert.Equal(P(1000), asks[asks.Count - 1].Price);
        for (var i = 1; i < asks.Count; i++) Assert.True(asks[i - 1].Price < asks[i].Price);
    }
}
