namespace FundingArb.Tests.Ring;

/// <summary>
/// Ring tests share one collection so their spinning threads never compete with each other on a
/// 2-core machine; they still run in parallel with other folders' tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RingTestCollection
{
    public const string Name = "Ring";
}
