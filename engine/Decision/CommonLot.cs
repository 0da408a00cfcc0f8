using FundingArb.Market;

namespace FundingArb.Decision;

/// <summary>Both legs of a pair trade the same base quantity, so it must be a multiple of both venues' lot steps: of
/// their least common multiple (0.001 BTC on Binance and 0.01 contracts × 0.01 BTC on OKX → 0.001 BTC).</summary>
public static class CommonLot
{
    /// <summary>The smallest quantity that is a whole number of lots on both venues; zero if either step is unknown or
    /// the multiple is out of range.</summary>
    public static Quantity Step(Quantity a, Quantity b)
    {
        if (!a.IsPositive || !b.IsPositive) return Quantity.Zero;
        var lcm = (Int128)(a.Raw / Gcd(a.Raw, b.Raw)) * b.Raw;
        return lcm <= long.MaxValue ? new Quantity((long)lcm) : Quantity.Zero;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
