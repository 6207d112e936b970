namespace Ward.Core.Model;

/// <summary>A service an identity's policies give it access to, and when the identity last used it.</summary>
public sealed record ServiceAccess
{
    /// <summary>The service's namespace (AWS: the action prefix, <c>s3</c>, <c>iam</c>).</summary>
    public required string Service { get; init; }

    /// <summary>Its display name (<c>Amazon S3</c>), when the export gives one.</summary>
    public string? DisplayName { get; init; }

    public LastUse LastUsed { get; init; }

    /// <summary>Where it was last used (a region), when the export says.</summary>
    public string? LastUsedRegion { get; init; }
}
