namespace Ward.Gcp.Iam;

/// <summary>
/// How a membership's member is in its group: as <c>gcloud identity groups memberships list</c> lists it, or as a
/// transitive membership (<c>search-transitive-memberships</c>, the Cloud Identity <c>MemberRelation.relationType</c>).
/// </summary>
public enum GroupRelation
{
    /// <summary>A membership of <c>memberships list</c>: a direct member; the members of a nested group are in that group's own list.</summary>
    Listed,

    /// <summary>A transitive membership of type <c>DIRECT</c> or <c>DIRECT_AND_INDIRECT</c>: a direct member (maybe also through nested groups).</summary>
    Direct,

    /// <summary>A transitive membership of type <c>INDIRECT</c>: a member only through nested groups.</summary>
    Indirect,

    /// <summary>A transitive membership whose <c>relationType</c> is not given or not known: a member, directly or not.</summary>
    Transitive,
}
