namespace Ward.Analysis;

/// <summary>Inputs beyond the authorization details that a rule needs; where one is missing the rule cannot run, and the scan says so.</summary>
[Flags]
public enum RuleInputs
{
    None = 0,

    /// <summary>The account's IAM credential report.</summary>
    CredentialReport = 1,

    /// <summary>Service last accessed data of the principal.</summary>
    ServiceLastAccessed = 2,

    /// <summary>The root user's line of the account's credential report (IAM always writes one).</summary>
    RootUserLine = 4,

    /// <summary>The Entra ID tenant's authorization policy (<c>GET /policies/authorizationPolicy</c>).</summary>
    EntraAuthorizationPolicy = 8,
}
