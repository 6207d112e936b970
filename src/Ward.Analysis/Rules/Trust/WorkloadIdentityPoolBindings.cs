using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Trust;

/// <summary>The bindings of a workload identity pool's identities: every member (<c>principal://</c>, <c>principalSet://</c>) that names the provider's pool.</summary>
internal static class WorkloadIdentityPoolBindings
{
    public static IEnumerable<(IamPolicy Policy, Binding Binding, Member Member)> Of(GcpEstate estate, WorkloadIdentityProvider provider)
    {
        var marker = $"/workloadIdentityPools/{provider.PoolId}/";
        var project = $"/projects/{provider.Name.Split('/')[1]}/";
        foreach (var policy in estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            foreach (var binding in policy.Bindings)
            {
                foreach (var member in binding.Members.Where(m => !m.IsDeleted && m.Kind is MemberKind.Principal or MemberKind.PrincipalSet
                    && m.Id.Contains(marker, StringComparison.Ordinal) && m.Id.Contains(project, StringComparison.Ordinal)))
                {
                    yield return (policy, binding, member);
                }
            }
        }
    }

    /// <summary>What a member of the pool is, after its pool: <c>*</c> (the whole pool), <c>subject/VALUE</c>, <c>attribute.NAME/VALUE</c>, <c>group/VALUE</c>.</summary>
    public static string Selector(WorkloadIdentityProvider provider, Member member)
    {
        var marker = $"/workloadIdentityPools/{provider.PoolId}/";
        return member.Id[(member.Id.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }
}
