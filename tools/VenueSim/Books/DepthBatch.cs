namespace FundingArb.VenueSim.Books;

/// <summary>The book changes made since the previous batch, numbered by update id: the first change in the batch has
/// id <see cref="FirstUpdateId"/>, the last <see cref="LastUpdateId"/>, and the batch before this one ended at
/// <see cref="PreviousLastUpdateId"/> (= <see cref="FirstUpdateId"/> − 1, since ids are consecutive).</summary>
public sealed record DepthBatch(long FirstUpdateId, long LastUpdateId, long PreviousLastUpdateId, IReadOnlyList<LevelChange> Changes);
