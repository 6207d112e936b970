namespace Ward.Gcp.Iam;

/// <summary>What a group membership's member is (the Cloud Identity <c>Membership.type</c>).</summary>
public enum GroupMemberType
{
    /// <summary>Not given (the BASIC view omits it): the member is known by email only.</summary>
    Unspecified,
    User,
    ServiceAccount,
    Group,

    /// <summary>A shared drive, a managed browser or another kind: never a principal of an IAM binding.</summary>
    Other,
}
