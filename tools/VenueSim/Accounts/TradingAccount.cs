namespace FundingArb.VenueSim.Accounts;

/// <summary>A simulated account of one venue: credentials, a single-asset (USDT) cross-margin wallet, one-way
/// positions per symbol and the ledger of every balance change.</summary>
public sealed class TradingAccount(string apiKey, string secret, string? passphrase, string asset)
{
    private readonly Dictionary<string, PositionState> _positions = [];

    public string ApiKey { get; } = apiKey;
    public string Secret { get; } = secret;
    public string? Passphrase { get; } = passphrase;
    public string Asset { get; } = asset;
    public decimal WalletBalance { get; set; }
    public List<IncomeRecord> Income { get; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyDictionary<string, PositionState> Positions => _positions;

    public PositionState Position(string symbol, int defaultLeverage)
    {
        if (!_positions.TryGetValue(symbol, out var position))
            _positions[symbol] = position = new PositionState { Leverage = defaultLeverage };
        return position;
    }
}
