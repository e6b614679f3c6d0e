namespace SecureBase.Common;

/// <summary>
/// An expected failure, with a message in the school's words. Rules return these;
/// exceptions are kept for bugs and broken invariants.
/// </summary>
public abstract record Error(string Message)
{
    /// <summary>The record does not exist, or the user may not know that it exists.</summary>
    public sealed record NotFound(string Message) : Error(Message);

    /// <summary>The user is known but may not do this.</summary>
    public sealed record Forbidden(string Message) : Error(Message);

    /// <summary>The request clashes with the record's current state (e.g. a referral already decided).</summary>
    public sealed record Conflict(string Message) : Error(Message);

    /// <summary>One or more fields are wrong; each message names its field.</summary>
    public sealed record Validation(IReadOnlyList<FieldError> Fields)
        : Error(Fields.Count == 1 ? Fields[0].Message : "Some of the details need correcting.")
    {
        public Validation(string field, string message) : this([new FieldError(field, message)])
        {
        }
    }
}

/// <summary>A problem with one field of a form or request, e.g. ("Upn", "The UPN's check letter should be R").</summary>
public readonly record struct FieldError(string Field, string Message);

/// <summary>The outcome of a rule: a value, or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error.Message}");

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>The outcome of a rule that produces nothing but may fail.</summary>
public readonly struct Outcome
{
    private Outcome(Error? error) => Error = error;

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public static Outcome Ok => default;

    public static implicit operator Outcome(Error error) => new(error);
}
