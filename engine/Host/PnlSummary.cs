namespace FundingArb.Host;

/// <summary>The run report's <c>pnl</c>, in quote currency (USDT): funding received minus paid, fees paid (a positive
/// cost), price PnL of both legs, and <see cref="Net"/> = funding − fees + price.</summary>
public sealed record PnlSummary(double Funding, double Fees, double Price)
{
    public static PnlSummary Zero { get; } = new(0, 0, 0);

    public double Net => Funding - Fees + Price;
}
