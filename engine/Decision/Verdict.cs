namespace FundingArb.Decision;

public enum Verdict : byte
{
    Reject = 0,
    Open = 1,
}
