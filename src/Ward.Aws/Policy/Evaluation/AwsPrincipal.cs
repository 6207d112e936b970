namespace Ward.Aws.Policy.Evaluation;

public enum AwsPrincipalType
{
    IamUser,

    /// <summary>An IAM role given by its ARN; evaluated like one of its sessions.</summary>
    IamRole,
    AssumedRoleSession,
    FederatedUser,
    AccountRoot,
    Service,

    /// <summary>A web-identity or SAML federated caller (an identity provider ARN or a provider name).</summary>
    WebIdentity,
    Anonymous,
}

/// <summary>The caller of a request, parsed from its ARN, service name or absence.</summary>
public sealed record AwsPrincipal(AwsPrincipalType Type, string Value, string? Account, string? Name)
{
    public static AwsPrincipal Anonymous { get; } = new(AwsPrincipalType.Anonymous, "anonymous", null, null);

    public bool IsAuthenticated => Type != AwsPrincipalType.Anonymous;

    /// <summary>For a role or a role session: the role's name (sessions carry no role path).</summary>
    public string? RoleName => Type switch
    {
        AwsPrincipalType.IamRole => Name,
        AwsPrincipalType.AssumedRoleSession => Name?.Split('/')[0],
        _ => null,
    };

    /// <summary>Whether permissions boundaries and identity policies can exist for this principal.</summary>
    public bool IsIamIdentity => Type is AwsPrincipalType.IamUser or AwsPrincipalType.IamRole or AwsPrincipalType.AssumedRoleSession or AwsPrincipalType.FederatedUser;

    /// <summary>Parses <c>null</c> (anonymous), a service principal (<c>lambda.amazonaws.com</c>) or an ARN.</summary>
    public static AwsPrincipal Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == "*")
        {
            return Anonymous;
        }

        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return IsAccountId(text)
                ? new AwsPrincipal(AwsPrincipalType.AccountRoot, $"arn:aws:iam::{text}:root", text, "root")
                : new AwsPrincipal(IsServiceName(text) ? AwsPrincipalType.Service : AwsPrincipalType.WebIdentity, text, null, text);
        }

        var parts = text.Split(':', 6);
        if (parts.Length < 6)
        {
            return new AwsPrincipal(AwsPrincipalType.WebIdentity, text, null, text);
        }

        var (service, account, resource) = (parts[2], parts[4], parts[5]);
        if (service == "iam")
        {
            if (resource == "root")
            {
                return new AwsPrincipal(AwsPrincipalType.AccountRoot, text, account, "root");
            }

            if (resource.StartsWith("user/", StringComparison.Ordinal))
            {
                return new AwsPrincipal(AwsPrincipalType.IamUser, text, account, LastSegment(resource));
            }

            if (resource.StartsWith("role/", StringComparison.Ordinal))
            {
                return new AwsPrincipal(AwsPrincipalType.IamRole, text, account, LastSegment(resource));
            }

            if (resource.StartsWith("saml-provider/", StringComparison.Ordinal) || resource.StartsWith("oidc-provider/", StringComparison.Ordinal))
            {
                return new AwsPrincipal(AwsPrincipalType.WebIdentity, text, account, resource);
            }
        }
        else if (service == "sts")
        {
            if (resource.StartsWith("assumed-role/", StringComparison.Ordinal))
            {
                return new AwsPrincipal(AwsPrincipalType.AssumedRoleSession, text, account, resource["assumed-role/".Length..]);
            }

            if (resource.StartsWith("federated-user/", StringComparison.Ordinal))
            {
                return new AwsPrincipal(AwsPrincipalType.FederatedUser, text, account, resource["federated-user/".Length..]);
            }
        }

        return new AwsPrincipal(AwsPrincipalType.WebIdentity, text, account, resource);
    }

    /// <summary>AWS service principals end in <c>.amazonaws.com</c>; Cognito identity pools are a web identity provider.</summary>
    private static bool IsServiceName(string text) =>
        (text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase))
        && !text.StartsWith("cognito-identity.", StringComparison.OrdinalIgnoreCase);

    internal static bool IsAccountId(string text) => text.Length == 12 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static string LastSegment(string resource) => resource[(resource.LastIndexOf('/') + 1)..];
}
