namespace Ward.Microsoft.Entra.Directory;

/// <summary>A user's <c>userType</c>: a member of the tenant or a guest (B2B); <see cref="Unknown"/> when not exported.</summary>
public enum EntraUserType
{
    Unknown,
    Member,
    Guest,
}
