using System.Text.Json;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>Tells what a JSON object is by the fields only that kind has; never by the file's name.</summary>
internal static class EntryClassifier
{
    public static EntryKind Classify(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return EntryKind.Unknown;
        }

        var entry = new GcpEntry(element, Core.Diagnostics.JsonPath.Root);
        var name = entry.Text("name");
        if (name is not null && entry.Text("assetType") is not null)
        {
            return EntryKind.Asset;
        }

        if (name is not null && WorkloadIdentityReader.IsProviderName(name))
        {
            return EntryKind.WorkloadIdentityProvider;
        }

        if (name is not null && WorkloadIdentityReader.IsPoolName(name) && (entry.Has("state") || entry.Has("disabled") || entry.Has("displayName")))
        {
            return EntryKind.WorkloadIdentityPool;
        }

        if (name is not null && PamEntitlementReader.IsEntitlementName(name))
        {
            return EntryKind.PamEntitlement;
        }

        if (name is not null && DenyPolicyReader.IsDenyPolicyName(name))
        {
            return EntryKind.DenyPolicy;
        }

        if (name is not null && OrgPolicyReader.IsPolicyName(name) && (entry.Has("spec") || entry.Has("dryRunSpec") || entry.Has("etag")))
        {
            return EntryKind.OrgPolicy;
        }

        var selfLink = entry.Text("selfLink");
        var kind = entry.Text("kind");
        if (kind == "compute#instance" || (selfLink is not null && ComputeInstanceReader.IsInstanceLink(selfLink)))
        {
            return EntryKind.ComputeInstance;
        }

        if (kind == "compute#project" || entry.Has("commonInstanceMetadata"))
        {
            return EntryKind.ComputeProject;
        }

        if (KubernetesRbacReader.IsRbacObject(entry))
        {
            return EntryKind.KubernetesRbac;
        }

        if (KubernetesRbacReader.IsKubernetesObject(entry))
        {
            return EntryKind.KubernetesOther;
        }

        if (selfLink is not null && GkeClusterReader.IsClusterLink(selfLink))
        {
            return EntryKind.GkeCluster;
        }

        if (name is not null && PrincipalAccessBoundaryReader.IsPolicyName(name))
        {
            return EntryKind.PrincipalAccessBoundaryPolicy;
        }

        // A binding with a malformed name is still a binding: its reader says what is wrong.
        if ((name is not null && PrincipalAccessBoundaryReader.IsBindingName(name)) || (entry.Has("policyKind") && entry.Has("target")))
        {
            return EntryKind.PolicyBinding;
        }

        if (entry.Has("activityType") && (entry.Has("fullResourceName") || entry.Has("activity")))
        {
            return EntryKind.Activity;
        }

        if (name is not null && InsightReader.IsInsightName(name))
        {
            return EntryKind.Insight;
        }

        if (name is not null && TagReader.IsKeyName(name) && (entry.Has("shortName") || entry.Has("namespacedName")))
        {
            return EntryKind.TagKey;
        }

        if (name is not null && TagReader.IsValueName(name) && (entry.Has("shortName") || entry.Has("namespacedName")))
        {
            return EntryKind.TagValue;
        }

        if ((name is not null && TagReader.IsBindingName(name)) || (name is null && entry.Has("parent") && entry.Has("tagValue")))
        {
            return EntryKind.TagBinding;
        }

        if (TagReader.IsEffectiveTag(entry))
        {
            return EntryKind.EffectiveTag;
        }

        if (entry.Text("resource") is not null && entry.Child("policy") is not null)
        {
            return EntryKind.PolicySearchResult;
        }

        // A group's or membership's malformed name is reported by its reader; its key field tells what it is.
        if (entry.Has("groupKey") || (name is not null && GroupReader.IsGroupName(name) && entry.Has("displayName")))
        {
            return EntryKind.Group;
        }

        if (TransitiveMembershipReader.IsMemberRelation(entry))
        {
            return EntryKind.TransitiveMembership;
        }

        if (entry.Has("preferredMemberKey") || (name is not null && GroupReader.IsMembershipName(name)))
        {
            return EntryKind.GroupMembership;
        }

        // A key with a malformed name is still a key: its reader says what is wrong with the name.
        if (name is not null && (KeyName.TryParse(name, out _) || entry.Has("keyType") || entry.Has("validAfterTime")))
        {
            return EntryKind.ServiceAccountKey;
        }

        if (entry.Text("email") is not null && (entry.Has("uniqueId") || entry.Has("projectId") || name?.Contains("/serviceAccounts/", StringComparison.Ordinal) == true))
        {
            return EntryKind.ServiceAccount;
        }

        if (name is not null && IsRoleName(name) && (entry.Has("includedPermissions") || entry.Has("title") || entry.Has("stage") || entry.Has("etag")))
        {
            return EntryKind.Role;
        }

        return EntryKind.Unknown;
    }

    private static bool IsRoleName(string name) =>
        Role.KindOf(name) == RoleKind.Predefined ? name.StartsWith("roles/", StringComparison.Ordinal) : name.Contains("/roles/", StringComparison.Ordinal);
}
