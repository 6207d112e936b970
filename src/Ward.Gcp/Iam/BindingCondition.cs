namespace Ward.Gcp.Iam;

/// <summary>
/// The condition of a binding (a <c>google.type.Expr</c>): kept as text, for a CEL evaluator to decide later. Until
/// then a conditional binding grants only under a condition Ward does not decide.
/// </summary>
public sealed record BindingCondition
{
    public required string Expression { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }
}
