using System.Collections.Immutable;

namespace Ward.Gcp.Iam;

/// <summary>One rule of a Kubernetes role (<c>rules[]</c>): the verbs it allows on the resources of the API groups it names (<c>*</c> for all).</summary>
public sealed record KubernetesPolicyRule(ImmutableArray<string> ApiGroups, ImmutableArray<string> Resources, ImmutableArray<string> Verbs)
{
    /// <summary>Whether the rule allows creating pods (core API group <c>""</c>, resource <c>pods</c>, verb <c>create</c>, or wildcards).</summary>
    public bool AllowsCreatingPods =>
        ApiGroups.Any(g => g is "" or "*") && Resources.Any(r => r is "pods" or "*") && Verbs.Any(v => v is "create" or "*");
}
