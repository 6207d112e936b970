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
    /// <summary>The node id of a member; null for members that are no principal of their own (deleted, unknown, <c>projectOwner:</c> and its kin, which stand for the holders of a basic role).</summary>
    public static string? IdOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.NodeId;
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

    /// <inheritdoc cref="ServiceAccountEmails.DefaultServiceAccount"/>
    public static (string Name, string Project)? DefaultServiceAccount(string email) => ServiceAccountEmails.DefaultServiceAccount(email);

    /// <inheritdoc cref="ServiceAccountEmails.IsGoogleServiceAgent"/>
    public static bool IsGoogleServiceAgent(string email) => ServiceAccountEmails.IsGoogleServiceAgent(email);

    /// <inheritdoc cref="ServiceAccountEmails.ProjectOf"/>
    public static string? ProjectOfEmail(string email) => ServiceAccountEmails.ProjectOf(email);
}
