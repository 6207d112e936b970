namespace Ward.Aws.Policy.Evaluation;

/// <summary>How a resource policy statement's principal element relates to the caller.</summary>
public enum PrincipalMatch
{
    None,

    /// <summary>The caller itself is named (user ARN, session ARN, service, provider).</summary>
    Exact,

    /// <summary><c>"*"</c>, <c>{"AWS": "*"}</c>, or an <c>Allow</c> with <c>NotPrincipal</c> not naming the caller.</summary>
    Wildcard,

    /// <summary>The role is named and the caller is one of its sessions.</summary>
    RoleOfSession,

    /// <summary>The caller's account is named: access is delegated to the account's identity policies.</summary>
    Account,
}
