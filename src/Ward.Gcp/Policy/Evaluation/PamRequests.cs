using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// The estate as the escalation graph sees it: every Privileged Access Manager entitlement that can be requested
/// adds its role bindings, to its eligible principals, to the allow policy of its organization, folder or project,
/// each marked with the entitlement (<see cref="Binding.Entitlement"/>). The evaluator then decides them as any
/// binding, with deny policies, principal access boundaries and the entitlement's conditions, and makes a binding
/// whose entitlement needs approval conditional on it. A grant is what an eligible principal gets by asking, so
/// <c>ward can</c> and <c>who-can</c>, which answer for the access held now, do not count them.
/// </summary>
public static class PamRequests
{
    public static GcpEstate Requested(GcpEstate estate)
    {
        ArgumentNullException.ThrowIfNull(estate);
        var added = new Dictionary<string, List<Binding>>(StringComparer.Ordinal);
        foreach (var entitlement in estate.PamEntitlements.Where(e => e.IsRequestable && !e.EligiblePrincipals.IsEmpty))
        {
            var holder = ResourceLocator.PolicyOf(estate, entitlement.Resource)?.Resource
                ?? estate.FindNode(ResourceNames.Relative(entitlement.Resource))?.Name
                ?? entitlement.Resource;
            if (!added.TryGetValue(holder, out var bindings))
            {
                added[holder] = bindings = [];
            }

            bindings.AddRange(entitlement.RoleBindings.Select(r => new Binding
            {
                Role = r.Role,
                Members = entitlement.EligiblePrincipals,
                Condition = r.ConditionExpression is { } expression ? new BindingCondition { Expression = expression, Title = $"PAM entitlement {entitlement.Name}" } : null,
                Entitlement = entitlement,
                Location = entitlement.Location,
            }));
        }

        if (added.Count == 0)
        {
            return estate;
        }

        var policies = estate.Policies.Select(p => added.Remove(p.Resource, out var more) ? p with { Bindings = [.. p.Bindings, .. more] } : p).ToList();
        foreach (var (holder, bindings) in added.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var node = estate.FindNode(holder);
            policies.Add(new IamPolicy
            {
                Resource = holder,
                AssetType = "cloudresourcemanager.googleapis.com/" + ResourceNames.ContainerKind(holder),
                Bindings = [.. bindings],
                Ancestors = node?.Ancestors ?? ImmutableArray<string>.Empty,
            });
        }

        return estate with { Policies = [.. policies] };
    }
}
