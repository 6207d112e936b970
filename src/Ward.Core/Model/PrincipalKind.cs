namespace Ward.Core.Model;

/// <summary>What kind of identity a principal is, across clouds (and <see cref="Resource"/> for the one graph node that is none).</summary>
public enum PrincipalKind
{
    /// <summary>A person's account: an IAM user, an Entra user, a Google user.</summary>
    HumanUser,

    /// <summary>An identity others become: an IAM role.</summary>
    Role,

    /// <summary>A temporary session of a role (an assumed-role session).</summary>
    RoleSession,

    /// <summary>A set of principals that receives grants for its members.</summary>
    Group,

    /// <summary>A non-human identity that runs code: a service account, a managed identity, a service principal.</summary>
    WorkloadIdentity,

    /// <summary>An identity from an external identity provider (SAML, OIDC, web identity, federated user).</summary>
    FederatedPrincipal,

    /// <summary>A principal known only by reference, outside the loaded estate (another account, another tenant).</summary>
    ExternalPrincipal,

    /// <summary>A cloud provider's own service acting on the customer's behalf.</summary>
    CloudService,

    /// <summary>The all-powerful owner identity of an account (the AWS account root user).</summary>
    AccountRoot,

    /// <summary>An unauthenticated caller.</summary>
    Anonymous,

    /// <summary>
    /// Not a principal: a resource (a bucket, a key, a secret...) that is a node of the entitlement graph because
    /// paths to it were asked for. Edges into it mean access to its data; none leave it.
    /// </summary>
    Resource,
}
