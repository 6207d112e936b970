namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Entra group membership, given to the Azure engine as data by whoever read the directory. Ids are Entra object ids.
/// </summary>
public interface IGroupMembership
{
    /// <summary>Every group the principal is a member of, directly or through nested groups.</summary>
    IReadOnlyCollection<string> GroupsOf(string principalId);

    /// <summary>Every member of the group, directly or through nested groups (nested groups included).</summary>
    IReadOnlyCollection<string> MembersOf(string groupId);

    /// <summary>Whether the group's members are known (its member list was exported); when not, nobody can be said not to be in it.</summary>
    bool KnowsMembersOf(string groupId);

    /// <summary>Whether the object is known to be a group (Key Vault access policies name objects without their type).</summary>
    bool IsGroup(string objectId);
}
