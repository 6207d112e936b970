namespace Ward.Microsoft.Entra.Directory;

/// <summary>The <c>accessId</c> of a PIM for Groups assignment: membership or ownership of the group.</summary>
public enum GroupAccessType
{
    Member,
    Owner,
}
