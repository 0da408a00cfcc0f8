namespace FundingArb.Market;

/// <summary>A canonical instrument (<c>BASE-QUOTE-PERP</c>) interned to a small integer by
/// <see cref="InstrumentRegistry"/>; 0 means none, so a zeroed slot never names a real instrument.</summary>
public readonly record struct InstrumentId(ushort Value)
{
    public static InstrumentId None => default;
    public bool IsNone => Value == 0;
    public int Index => Value - 1;
    public override string ToString() => $"instrument#{Value}";
}
