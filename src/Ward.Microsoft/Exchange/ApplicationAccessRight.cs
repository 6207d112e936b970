namespace Ward.Microsoft.Exchange;

/// <summary>What an Exchange Online application access policy does with the mailboxes of its scope (<c>AccessRight</c>).</summary>
public enum ApplicationAccessRight
{
    /// <summary>The application reaches only the mailboxes of the scope.</summary>
    RestrictAccess,

    /// <summary>The application reaches every mailbox but those of the scope.</summary>
    DenyAccess,
}
