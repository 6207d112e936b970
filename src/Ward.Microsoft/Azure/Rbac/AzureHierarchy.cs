using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// The management-group tree and the subscriptions placed in it. Resource groups and resources need no entry:
/// their ancestors follow from their ids.
/// </summary>
public sealed record AzureHierarchy
{
    public static AzureHierarchy Empty { get; } = new() { ManagementGroups = [], Subscriptions = [] };

    public required ImmutableArray<ManagementGroup> ManagementGroups { get; init; }

    public required ImmutableArray<AzureSubscription> Subscriptions { get; init; }

    private FrozenDictionary<string, ManagementGroup> GroupsByName =>
        field ??= ManagementGroups.DistinctBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);

    private FrozenDictionary<string, AzureSubscription> SubscriptionsById =>
        field ??= Subscriptions.DistinctBy(s => s.Id, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);

    public ManagementGroup? FindManagementGroup(string name) => GroupsByName.GetValueOrDefault(name);

    public AzureSubscription? FindSubscription(string id) => SubscriptionsById.GetValueOrDefault(id);

    // Every decision walks the chain of its scope, and graph building decides the same scopes over and over.
    private ConcurrentDictionary<AzureScope, AzureScopeChain> Chains => field ??= new();

    /// <summary>The scope itself, then its ancestors up to <c>/</c> (or up to the first gap in the hierarchy).</summary>
    public AzureScopeChain Ancestors(AzureScope scope) => Chains.GetOrAdd(scope, WalkUp);

    private AzureScopeChain WalkUp(AzureScope scope)
    {
        var chain = ImmutableArray.CreateBuilder<AzureScope>();
        var seen = new HashSet<AzureScope>();
        AzureScope? current = scope;
        while (current is not null)
        {
            if (!seen.Add(current))
            {
                return new AzureScopeChain(chain.ToImmutable(), $"the management groups above `{current.Value}` form a cycle");
            }

            chain.Add(current);
            switch (current.Kind)
            {
                case AzureScopeKind.Root:
                    return new AzureScopeChain(chain.ToImmutable(), null);
                case AzureScopeKind.Subscription:
                    var subscription = FindSubscription(current.SubscriptionId!);
                    if (subscription?.ManagementGroupName is not { } groupName)
                    {
                        return new AzureScopeChain(chain.ToImmutable(), $"subscription `{current.SubscriptionId}` is not placed in the management-group hierarchy of the export");
                    }

                    current = AzureScope.ManagementGroup(groupName);
                    break;
                case AzureScopeKind.ManagementGroup:
                    var group = FindManagementGroup(current.ManagementGroupId!);
                    if (group is null || !group.ParentKnown)
                    {
                        return new AzureScopeChain(chain.ToImmutable(), $"the parent of management group `{current.ManagementGroupId}` is not in the export");
                    }

                    current = group.IsTenantRoot ? AzureScope.Root : AzureScope.ManagementGroup(group.ParentName!);
                    break;
                default:
                    current = current.Parent;
                    break;
            }
        }

        return new AzureScopeChain(chain.ToImmutable(), null);
    }

    /// <summary>
    /// Whether something assigned at <paramref name="assigned"/> applies at <paramref name="target"/>: at that
    /// scope, inherited from above, not at all, or unknown (a management group above a gap in the hierarchy).
    /// </summary>
    public ScopeReach Reach(AzureScope assigned, AzureScope target, bool exactScopeOnly = false)
    {
        var chain = Ancestors(target);
        if (chain.Scopes[0] == assigned)
        {
            return ScopeReach.AtScope;
        }

        if (exactScopeOnly)
        {
            return ScopeReach.No;
        }

        if (assigned.Kind == AzureScopeKind.Root || chain.Scopes.Skip(1).Contains(assigned))
        {
            return ScopeReach.Inherited;
        }

        // Only a management group can sit above a gap: every other ancestor follows from the target's own id.
        return !chain.Complete && assigned.Kind == AzureScopeKind.ManagementGroup ? ScopeReach.Unknown : ScopeReach.No;
    }
}
