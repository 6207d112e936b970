namespace Ward.Aws.Estate;

public enum InputKind
{
    AuthorizationDetails,
    Organization,

    /// <summary>An IAM credential report (decoded CSV, or the CLI's JSON with base64 <c>Content</c>).</summary>
    CredentialReport,

    /// <summary>Service last accessed data of users and roles (Ward's wrapper around the CLI output).</summary>
    ServiceLastAccessed,

    /// <summary>A Ward <c>resource-policies.json</c>: bucket, key, queue, topic, secret, function and repository policies.</summary>
    ResourcePolicies,

    /// <summary>A Ward <c>identity-center.json</c>: IAM Identity Center instances, permission sets, assignments and identity store.</summary>
    IdentityCenter,

    /// <summary>A Ward <c>s3-buckets.json</c>: an account's S3 Block Public Access setting, and its buckets' settings and ACLs.</summary>
    S3Buckets,
    Unrecognized,
    Unreadable,
}

/// <summary>A file Ward was given (or found in a folder), what it was taken for, and a note on it.</summary>
public sealed record InputFile(string Path, InputKind Kind, string Note);
