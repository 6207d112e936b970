using Ward.Core.Graph;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-group-member</c>: a direct member of a Google group (user, service account or nested group, as the
/// exported Cloud Identity memberships list it) holds whatever the group is granted. A transitive membership export
/// gives every member an edge, those of nested groups too (Ward does not learn which nested group holds them). Only
/// groups whose members were exported give such edges; a group that was not stays a node standing for its unknown members.
/// </summary>
public sealed class GroupMemberEdgeChecker : IGcpEdgeChecker
{
    public string TechniqueId => "gcp-group-member";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = (targets ?? context.Estate.KnownGroupEmails.Select(e => "group:" + e.ToLowerInvariant()))
            .Where(t => t.StartsWith("group:", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var email = group["group:".Length..];
            foreach (var membership in context.Estate.MembershipsOf(email) ?? [])
            {
                var prefix = membership.MemberType switch
                {
                    GroupMemberType.User => "user:",
                    GroupMemberType.ServiceAccount => "serviceAccount:",
                    GroupMemberType.Group => "group:",
                    // Without the full view the type is not given: a service account's email says what it is.
                    GroupMemberType.Unspecified => membership.MemberEmail.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? "serviceAccount:" : "user:",
                    _ => null,
                };
                if (prefix is null)
                {
                    continue;
                }

                var member = prefix + membership.MemberEmail.ToLowerInvariant();
                var assumed = membership.MemberType == GroupMemberType.Unspecified && prefix == "user:"
                    ? [$"`{membership.MemberEmail}` is a user (the membership export does not give the member's type; it may be a group)"]
                    : Array.Empty<string>();
                yield return new Edge(new(member), new(group), TechniqueId, $"is a member of group `{email}`{(membership.Relation == GroupRelation.Indirect ? " through nested groups" : string.Empty)}, so it holds whatever the group is granted",
                    [new EdgePermission("membership", group, $"Cloud Identity {(membership.IsTransitive ? "transitive membership of" : "membership")} `{membership.Name}` ({string.Join(", ", membership.Roles)})", [])])
                {
                    Requirements = [.. assumed],
                };
            }
        }
    }
}
