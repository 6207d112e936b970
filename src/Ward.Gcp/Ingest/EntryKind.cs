namespace Ward.Gcp.Ingest;

/// <summary>What one JSON object of an input is, told by its fields.</summary>
internal enum EntryKind
{
    Unknown,

    /// <summary>A Cloud Asset Inventory asset (<c>name</c> with <c>assetType</c> or <c>asset_type</c>).</summary>
    Asset,

    /// <summary>A result of <c>searchAllIamPolicies</c> (<c>resource</c> with a <c>policy</c> object).</summary>
    PolicySearchResult,

    /// <summary>An IAM role (<c>gcloud iam roles list/describe</c>).</summary>
    Role,

    /// <summary>A service account (<c>gcloud iam service-accounts list</c>).</summary>
    ServiceAccount,

    /// <summary>A service account key (<c>gcloud iam service-accounts keys list</c>).</summary>
    ServiceAccountKey,

    /// <summary>An IAM deny policy (<c>gcloud iam policies get --kind=denypolicies</c>).</summary>
    DenyPolicy,

    /// <summary>A workload identity pool (<c>gcloud iam workload-identity-pools list</c>).</summary>
    WorkloadIdentityPool,

    /// <summary>A provider of a workload identity pool.</summary>
    WorkloadIdentityProvider,

    /// <summary>A Google group (<c>gcloud identity groups search</c>: <c>groupKey</c>, or a <c>groups/ID</c> name with <c>displayName</c>).</summary>
    Group,

    /// <summary>A group membership (<c>gcloud identity groups memberships list</c>: <c>preferredMemberKey</c>, or a <c>groups/ID/memberships/ID</c> name).</summary>
    GroupMembership,

    /// <summary>A transitive group membership (<c>gcloud identity groups memberships search-transitive-memberships</c>: no <c>name</c>, <c>relationType</c> or a list of <c>preferredMemberKey</c>).</summary>
    TransitiveMembership,

    /// <summary>A principal access boundary policy (<c>gcloud iam principal-access-boundary-policies describe</c>: <c>organizations/…/principalAccessBoundaryPolicies/…</c>).</summary>
    PrincipalAccessBoundaryPolicy,

    /// <summary>A policy binding (<c>gcloud iam policy-bindings list</c>: <c>…/locations/…/policyBindings/…</c>, or <c>policyKind</c> with <c>target</c>).</summary>
    PolicyBinding,

    /// <summary>A v2 organization policy (<c>gcloud org-policies list/describe</c>: <c>organizations|folders|projects/ID/policies/CONSTRAINT</c>).</summary>
    OrgPolicy,

    /// <summary>A Kubernetes role or role binding of a GKE cluster (<c>kubectl get … -o json</c>: <c>apiVersion</c> <c>rbac.authorization.k8s.io/…</c>).</summary>
    KubernetesRbac,

    /// <summary>Another Kubernetes object (<c>apiVersion</c>, <c>kind</c> and <c>metadata</c>: a Pod, a Service…), which Ward does not read.</summary>
    KubernetesOther,

    /// <summary>A GKE cluster (<c>gcloud container clusters list</c>: a <c>selfLink</c> of <c>container.googleapis.com/…/clusters/…</c>).</summary>
    GkeCluster,

    /// <summary>A Compute Engine instance (<c>gcloud compute instances list</c>: <c>kind</c> <c>compute#instance</c>, or a <c>selfLink</c> of <c>…/compute/v1/projects/P/zones/Z/instances/N</c>).</summary>
    ComputeInstance,

    /// <summary>A project's Compute Engine settings (<c>gcloud compute project-info describe</c>: <c>kind</c> <c>compute#project</c>, or <c>commonInstanceMetadata</c>).</summary>
    ComputeProject,

    /// <summary>An Activity Analyzer activity (<c>gcloud policy-intelligence query-activity</c>: <c>activityType</c>).</summary>
    Activity,

    /// <summary>A Privileged Access Manager entitlement (<c>gcloud pam entitlements list</c>: <c>…/locations/…/entitlements/…</c>).</summary>
    PamEntitlement,

    /// <summary>A Recommender insight (<c>gcloud recommender insights list</c>: <c>…/insightTypes/…/insights/…</c>).</summary>
    Insight,

    /// <summary>A tag key (<c>gcloud resource-manager tags keys list</c>: <c>tagKeys/ID</c>).</summary>
    TagKey,

    /// <summary>A tag value (<c>gcloud resource-manager tags values list</c>: <c>tagValues/ID</c>).</summary>
    TagValue,

    /// <summary>A tag bound directly to a resource (<c>gcloud resource-manager tags bindings list</c>: <c>tagBindings/…</c>).</summary>
    TagBinding,

    /// <summary>An effective tag of a resource (<c>… bindings list --effective</c>: <c>namespacedTagValue</c>, no name).</summary>
    EffectiveTag,
}
