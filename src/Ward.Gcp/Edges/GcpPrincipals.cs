using Ward.Core.Model;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>
/// The principals of a Google Cloud graph, named as allow policies name them (<c>user:EMAIL</c>,
/// <c>serviceAccount:EMAIL</c>, <c>group:EMAIL</c>, <c>domain:DOMAIN</c>, <c>allUsers</c>, <c>principal://…</c>), emails
/// and domains in lower case so one principal is one node however a policy spells it.
/// </summary>
public static class GcpPrincipals
{
    private const string ComputeDefaultDomain = "-compute@developer.gserviceaccount.com";
    private const string AppEngineDefaultDomain = "@appspot.gserviceaccount.com";

    /// <summary>The node id of a member; null for members that are no principal of their own (deleted, unknown, <c>projectOwner:</c> and its kin, which stand for the holders of a basic role).</summary>
    public static string? IdOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.IsDeleted)
        {
            return null;
        }

        return member.Kind switch
        {
            MemberKind.User => "user:" + member.Id.ToLowerInvariant(),
            MemberKind.ServiceAccount => "serviceAccount:" + member.Id.ToLowerInvariant(),
            MemberKind.Group => "group:" + member.Id.ToLowerInvariant(),
            MemberKind.Domain => "domain:" + member.Id.ToLowerInvariant(),
            MemberKind.AllUsers => "allUsers",
            MemberKind.AllAuthenticatedUsers => "allAuthenticatedUsers",
            MemberKind.Principal or MemberKind.PrincipalSet => member.Id,
            _ => null,
        };
    }

    public static string ServiceAccountId(string email) => "serviceAccount:" + email.ToLowerInvariant();

    /// <summary>The email of a service account node, or null for another kind.</summary>
    public static string? ServiceAccountEmail(string nodeId) =>
        nodeId.StartsWith("serviceAccount:", StringComparison.Ordinal) ? nodeId["serviceAccount:".Length..] : null;

    public static PrincipalKind KindOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Kind switch
        {
            MemberKind.User => PrincipalKind.HumanUser,
            MemberKind.ServiceAccount => PrincipalKind.WorkloadIdentity,
            MemberKind.Group or MemberKind.Domain => PrincipalKind.Group,
            MemberKind.AllUsers => PrincipalKind.Anonymous,
            MemberKind.AllAuthenticatedUsers => PrincipalKind.ExternalPrincipal,
            _ => PrincipalKind.FederatedPrincipal,
        };
    }

    /// <summary>
    /// What a default service account is (<c>NUMBER-compute@developer.gserviceaccount.com</c>, Compute Engine's;
    /// <c>PROJECT_ID@appspot.gserviceaccount.com</c>, App Engine's), with the project it belongs to as the email names
    /// it (a project number or id); null for other accounts.
    /// </summary>
    public static (string Name, string Project)? DefaultServiceAccount(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.EndsWith(ComputeDefaultDomain, StringComparison.OrdinalIgnoreCase) && email.Length > ComputeDefaultDomain.Length)
        {
            return ("the Compute Engine default service account", "projects/" + email[..^ComputeDefaultDomain.Length]);
        }

        if (email.EndsWith(AppEngineDefaultDomain, StringComparison.OrdinalIgnoreCase) && email.Length > AppEngineDefaultDomain.Length)
        {
            return ("the App Engine default service account", "projects/" + email[..^AppEngineDefaultDomain.Length].ToLowerInvariant());
        }

        return null;
    }
}
