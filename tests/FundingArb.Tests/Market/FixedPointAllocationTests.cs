using FundingArb.Market;

namespace FundingArb.Tests.Market;

public sealed class FixedPointAllocationTests
{
    private static readonly byte[][] TypicalPrices =
    [
        "67321.45"u8.ToArray(), "0.00038167"u8.ToArray(), "11794.15000000"u8.ToArray(), "-0.00002345"u8.ToArray(),
        "4.00000200"u8.ToArray(), "0.0001128542114798"u8.ToArray(), "1E-8"u8.ToArray(), "00012.3400"u8.ToArray(),
        "3500.1"u8.ToArray(), "0.10000000000000000000000000"u8.ToArray(), // the last takes the slow path
    ];

    [Fact]
    public void ParsingAndFormatting10000TypicalPrices_AllocatesNothing()
    {
        Run(1_000); // warm-up: JIT, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Run(10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    private static long Run(int count)
    {
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];
        long checksum = 0;
        for (int i = 0; i < count; i++)
        {
            byte[] text = TypicalPrices[i % TypicalPrices.Length];
            if (Price.TryParse(text, out Price price) && price.TryFormat(buffer, out int written))
                checksum += price.Raw + written;
            if (FixedPoint.TryParse(text, FundingRate.Scale, out long rate) && FixedPoint.TryFormat(rate, FundingRate.Scale, buffer, out written))
                checksum += written;
            if (Quantity.TryParse(text, out Quantity quantity, out _) && quantity.TryFormat(buffer, out written))
                checksum += written;
        }
        return checksum;
    }
}
