using System.Collections.Concurrent;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Whether a principal identifier of a deny policy (the IAM v2 form) includes a principal named as allow policies
/// name it: <c>principal://goog/subject/EMAIL</c> is <c>user:EMAIL</c>,
/// <c>principal://iam.googleapis.com/projects/-/serviceAccounts/EMAIL</c> is <c>serviceAccount:EMAIL</c>,
/// <c>principalSet://goog/group/EMAIL</c> is <c>group:EMAIL</c>, <c>principalSet://goog/public:all</c> is everyone;
/// pool identifiers are written as in allow policies.
/// </summary>
internal static class DenyPrincipals
{
    private const string Subject = "principal://goog/subject/";
    private const string ServiceAccount = "principal://iam.googleapis.com/projects/-/serviceAccounts/";
    private const string Group = "principalSet://goog/group/";
    private const string Customer = "principalSet://goog/cloudIdentityCustomerId/";
    private const string Everyone = "principalSet://goog/public:all";

    // Deny rules name few principals, asked about for every decision: each is parsed once.
    private static readonly ConcurrentDictionary<string, Member> Members = new(StringComparer.Ordinal);

    public static MemberMatch Match(string identifier, Member principal, GroupMembers groups, GcpEstate estate)
    {
        if (identifier.StartsWith("deleted:", StringComparison.Ordinal) || principal.IsDeleted)
        {
            return MemberMatch.No;
        }

        if (identifier == Everyone)
        {
            return MemberMatch.Through($"`{Everyone}` is every principal");
        }

        // A user is decided as a principal access boundary bound to the customer decides it, so that the two agree;
        // a group asked about as itself may hold accounts of the customer, which Ward does not list.
        if (identifier.StartsWith(Customer, StringComparison.Ordinal))
        {
            return principal.Kind switch
            {
                MemberKind.User => PrincipalSetMembership.UserOfCustomer(estate, principal, identifier[Customer.Length..]),
                MemberKind.Group => MemberMatch.If($"`{principal.Text}` belongs to the Google Workspace or Cloud Identity account `{identifier[Customer.Length..]}`"),
                _ => MemberMatch.No,
            };
        }

        var member = Members.Count < 10_000 ? Members.GetOrAdd(identifier, AsMember) : AsMember(identifier);
        return MemberMatcher.Match(member, principal, static (bound, principal) => MemberMatch.If($"`{principal.Text}` holds the basic role `{bound.Text}` stands for"), groups, estate);
    }

    /// <summary>A v2 principal identifier as the allow-policy member it names.</summary>
    private static Member AsMember(string identifier) => identifier switch
    {
        _ when identifier.StartsWith(Subject, StringComparison.Ordinal) => Member.Parse("user:" + identifier[Subject.Length..]),
        _ when identifier.StartsWith(ServiceAccount, StringComparison.Ordinal) => Member.Parse("serviceAccount:" + identifier[ServiceAccount.Length..]),
        _ when identifier.StartsWith(Group, StringComparison.Ordinal) => Member.Parse("group:" + identifier[Group.Length..]),
        _ => Member.Parse(identifier),
    };
}
