namespace Ward.Gcp.Iam;

/// <summary>Who holds the private key of a service account key.</summary>
public enum ServiceAccountKeyType
{
    /// <summary>Not given.</summary>
    Unspecified,

    /// <summary>Created by a user, who holds the private key and must rotate it.</summary>
    UserManaged,

    /// <summary>Held and rotated by Google; never downloadable.</summary>
    SystemManaged,
}
