namespace FundingArb.Gateway;

/// <summary>The answer to a query: its value, or the error saying why there is none (never both, never neither).</summary>
public readonly record struct VenueQuery<T>(T? Value, ExecutionError Error) where T : class
{
    public bool IsOk => Error.Kind == ExecutionErrorKind.None && Value is not null;

    public static VenueQuery<T> Ok(T value) => new(value, default);

    public static VenueQuery<T> Failed(in ExecutionError error) => new(null, error);
}
