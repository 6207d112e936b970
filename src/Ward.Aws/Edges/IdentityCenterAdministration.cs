using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Edges;

/// <summary>What the IAM Identity Center techniques share: who administers an instance, and the user an attacker signs in as.</summary>
internal static class IdentityCenterAdministration
{
    public const string CreateUser = "identitystore:CreateUser";

    /// <summary>
    /// For a principal of a delegated administrator account, the grant AWS gives that account over the identity
    /// store of the management account (the store's ARN names its owner, so the request is cross-account to the
    /// evaluator): modelled as a resource policy naming the account. Null for principals of the owner account.
    /// </summary>
    public static Func<AwsPolicySet, AwsPolicySet>? AsAdministrator(IdentityCenterInstance instance, AwsPrincipal principal)
    {
        if (principal.Account is not { } account || account == instance.OwnerAccountId)
        {
            return null;
        }

        var text = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"DelegatedAdministrator","Effect":"Allow","Principal":{"AWS":"arn:{{instance.Partition}}:iam::{{account}}:root"},"Action":"identitystore:*","Resource":"*"}]}""";
        var document = PolicyParser.ParseText(text, PolicyKind.Resource, new SourceLocation("(delegated administration)")).Document!;
        var delegation = new NamedPolicy($"Identity Center delegated administration of account {account} (registered for sso.amazonaws.com)", document);
        return policies => policies with { ResourcePolicy = delegation };
    }

    /// <summary>
    /// The Identity Center user the principal signs in as: one it creates when identitystore:CreateUser is allowed
    /// (the step), otherwise one it must already control. Either way a requirement, since Ward cannot see the
    /// identity source or who holds which user's credentials.
    /// </summary>
    public static ((string Action, string Resource, Decision Decision)? Step, string Requirement) UserItSignsInAs(AwsEdgeContext context, AwsPrincipal principal, IdentityCenterInstance instance)
    {
        var decision = context.Can(principal, CreateUser, instance.IdentityStoreArn, adjust: AsAdministrator(instance, principal));
        return decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional
            ? ((CreateUser, instance.IdentityStoreArn, decision),
                $"it signs in as an Identity Center user it creates (identitystore:CreateUser is allowed), which needs Identity Center's own directory as the identity source (the new user sets a password from an email sent to an address the principal chose); with an external identity provider or Active Directory, that user must exist there too")
            : (null, $"it controls an existing Identity Center user of identity store {instance.IdentityStoreId} (identitystore:CreateUser is not allowed, so it cannot create one)");
    }
}
