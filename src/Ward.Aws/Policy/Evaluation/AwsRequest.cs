namespace Ward.Aws.Policy.Evaluation;

/// <summary>One AWS authorization question: who, doing what, to which resource, in which context.</summary>
public sealed record AwsRequest
{
    public required AwsPrincipal Principal { get; init; }

    /// <summary><c>service:Action</c>, any letter case.</summary>
    public required string Action { get; init; }

    /// <summary>The resource ARN, or <c>*</c> for actions without resource-level permissions.</summary>
    public required string Resource { get; init; }

    /// <summary>The account owning the resource; null when it equals the principal's (or is unknown).</summary>
    public string? ResourceAccount { get; init; }

    public RequestContext Context { get; init; } = RequestContext.Empty;
}
