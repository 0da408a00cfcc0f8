using System.Text;
using FundingArb.Gateway;
using FundingArb.Market;

namespace FundingArb.Tests.Gateway;

/// <summary>Orders that all pass an instrument's rules yet differ in everything the send path writes: client order id
/// (position, leg and attempt of several digit counts), side, kind, time in force, reduce-only, quantity and price. Built
/// before a measurement, so that the steady-state allocation tests sign and write a different order each time, as live
/// trading does, rather than one order over and over; and the measurement itself, which each venue's test fills in
/// with its own client's limits and frame writer.</summary>
public static class VariedOrders
{
    /// <summary>Counts an order against a venue's limits, as <c>PlaceAsync</c> does before the write; false when refused.</summary>
    public delegate bool CountOrder(in OrderRequest order);

    /// <summary>A venue client's <c>WritePlaceFrame</c>: the order's frame written into its pooled buffer.</summary>
    public delegate ExecutionError WriteFrame(in OrderRequest order, long requestId, out ReadOnlyMemory<byte> frame);

    private static readonly TimeInForce[] TimesInForce =
        [TimeInForce.GoodTillCancel, TimeInForce.ImmediateOrCancel, TimeInForce.FillOrKill, TimeInForce.PostOnly];

    /// <param name="price">A price on the tick; the others are it plus up to 4 095 ticks.</param>
    /// <param name="quantity">A quantity the rules accept (lot step, minimum, notional at <paramref name="price"/>); the
    /// others are it plus up to 63 lot steps.</param>
    public static OrderRequest[] For(InstrumentId instrument, Price price, Price tick, Quantity quantity, Quantity lotStep, int count)
    {
        var orders = new OrderRequest[count];
        for (var i = 0; i < count; i++)
        {
            // Position ids from 1 to 10 digits, so the id's length (and the frame's) changes from order to order.
            var position = (long)(i + 1) * (i % 5 == 0 ? 1 : i % 5 == 1 ? 97 : i % 5 == 2 ? 104_729 : i % 5 == 3 ? 15_485_863 : 2_147_483_647);
            var id = ClientOrderId.ForLeg(position, i % 2, i % 3);
            var side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
            var size = new Quantity(quantity.Raw + lotStep.Raw * (i % 64));
            var reduceOnly = i % 7 == 3;
            orders[i] = i % 4 == 3
                ? OrderRequest.Market(instrument, id, side, size, reduceOnly)
                : OrderRequest.Limit(instrument, id, side, size, new Price(price.Raw + tick.Raw * (i * 37 % 4096)), TimesInForce[i % TimesInForce.Length],
                    reduceOnly);
        }
        return orders;
    }

    /// <summary>The contrast: a single order (an IOC limit buy at 67 321.4 of <paramref name="quantity"/>), for a
    /// measurement that sends the same order over and over.</summary>
    public static OrderRequest[] One(InstrumentId instrument, Quantity quantity) =>
    [
        OrderRequest.Limit(instrument, ClientOrderId.ForLeg(123456789, 1, 0), OrderSide.Buy, quantity, Price.Parse("67321.4"), TimeInForce.ImmediateOrCancel),
    ];

    /// <summary>Asserts that the frames are the orders': the first (of <c>orders[1]</c>) carries its client order id as
    /// <paramref name="idField"/> and carries <paramref name="marker"/>, and the second differs from it.</summary>
    public static void AssertFramesAreTheOrders(OrderRequest[] orders, WriteFrame write, string idField, string marker)
    {
        Assert.False(write(orders[1], 1, out var first).IsError);
        var firstText = Encoding.ASCII.GetString(first.Span);
        Assert.Contains($"\"{idField}\":\"{orders[1].ClientOrderId}\"", firstText, StringComparison.Ordinal);
        Assert.Contains(marker, firstText, StringComparison.Ordinal);
        Assert.False(write(orders[2], 2, out var second).IsError);
        Assert.NotEqual(firstText, Encoding.ASCII.GetString(second.Span));
    }

    /// <summary>What a round of 20 000 orders allocates once warm (<see cref="SteadyStateAllocation"/>), each of
    /// <paramref name="orders"/> in turn counted and written (a frame shorter than <paramref name="minFrameLength"/>
    /// fails the step): 0 when the send path allocates nothing per order.</summary>
    public static long SendBytesPerRound(OrderRequest[] orders, CountOrder count, WriteFrame write, int minFrameLength)
    {
        long id = 0;
        return SteadyStateAllocation.BytesPerRound(() =>
        {
            var requestId = ++id;
            ref readonly var order = ref orders[requestId % orders.Length];
            if (!count(order)) throw new InvalidOperationException("limited");
            var error = write(order, requestId, out var frame);
            if (error.IsError || frame.Length < minFrameLength) throw new InvalidOperationException(error.ToString());
        }, 20_000);
    }
}
