using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// The two names of a Kubernetes service account of a GKE workload identity pool, and the pool's namespace set
/// (Fixtures/gke-wif-forms): project <c>p-app</c> (number 920000000001, pool <c>p-app.svc.id.goog</c>), whose
/// service account <c>deployer</c> grants Workload Identity User to <c>principalSet://…/p-app.svc.id.goog/namespace/dev</c>
/// and Service Account Token Creator to <c>principal://…/p-app.svc.id.goog/subject/ns/prod/sa/api</c>; project
/// <c>p-data</c> is number 920000000002.
/// </summary>
public sealed class KubernetesMemberFormsTests
{
    private const string Deployer = "//iam.googleapis.com/projects/-/serviceAccounts/deployer@p-app.iam.gserviceaccount.com";
    private const string GetAccessToken = "iam.serviceAccounts.getAccessToken";
    private const string AppPool = "principal://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/p-app.svc.id.goog";
    private const string DevSet = "principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/p-app.svc.id.goog/namespace/dev";

    private static readonly DateTimeOffset November2026 = DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static readonly Lazy<GcpEstate> Loaded = new(() => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "gke-wif-forms")]));

    private static GcpEstate Estate => Loaded.Value;

    [Fact]
    public void A_kubernetes_service_account_of_the_namespace_is_certainly_in_the_namespace_set()
    {
        var decision = Can("serviceAccount:p-app.svc.id.goog[dev/app]");

        Assert.IsType<Allowed>(decision);
        Assert.Contains($"`{DevSet}` is every Kubernetes service account of namespace `dev` of pool `p-app.svc.id.goog`, `serviceAccount:p-app.svc.id.goog[dev/app]` among them", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_principal_form_of_a_kubernetes_service_account_is_certainly_in_its_namespace_set()
    {
        var decision = Can(AppPool + "/subject/ns/dev/sa/app");

        Assert.IsType<Allowed>(decision);
        Assert.Contains("is every Kubernetes service account of namespace `dev`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_account_form_matches_a_binding_to_the_principal_form_of_the_same_account()
    {
        var decision = Can("serviceAccount:p-app.svc.id.goog[prod/api]");

        Assert.IsType<Allowed>(decision);
        Assert.Contains(
            $"`{AppPool}/subject/ns/prod/sa/api` and `serviceAccount:p-app.svc.id.goog[prod/api]` name the same Kubernetes service account (`prod/api` of pool `p-app.svc.id.goog`, project `p-app` being number `920000000001`)",
            decision.Explanation.Summary,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serviceAccount:p-app.svc.id.goog[other/app]")] // another namespace
    [InlineData("serviceAccount:p-app.svc.id.goog[prod/app]")] // another account of the namespace of prod/api
    [InlineData("serviceAccount:p-data.svc.id.goog[dev/app]")] // another project's pool
    [InlineData("serviceAccount:p-data.svc.id.goog[prod/api]")]
    [InlineData("principal://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/p-app.svc.id.goog/subject/ns/other/sa/app")]
    [InlineData("principal://iam.googleapis.com/projects/920000000002/locations/global/workloadIdentityPools/p-data.svc.id.goog/subject/ns/dev/sa/app")]
    [InlineData("principal://iam.googleapis.com/projects/920000000002/locations/global/workloadIdentityPools/p-data.svc.id.goog/subject/ns/prod/sa/api")]
    [InlineData("principal://iam.googleapis.com/projects/920000000002/locations/global/workloadIdentityPools/p-app.svc.id.goog/subject/ns/dev/sa/app")] // p-data's number
    public void Other_kubernetes_service_accounts_are_not_allowed(string principal) =>
        Assert.IsType<ImplicitDeny>(Can(principal));

    [Fact]
    public void A_project_number_the_export_does_not_know_leaves_the_match_possible()
    {
        var groups = new GroupMembers(Estate);
        var account = Member.Parse("serviceAccount:p-x.svc.id.goog[dev/app]");
        var unknownSet = Member.Parse("principalSet://iam.googleapis.com/projects/929999999999/locations/global/workloadIdentityPools/p-x.svc.id.goog/namespace/dev");

        var match = MemberMatcher.Match(unknownSet, account, static (_, _) => MemberMatch.No, groups, Estate);

        Assert.Equal(MemberMatchKind.Possibly, match.Kind);
        Assert.Contains("project `929999999999` is `p-x`", match.Requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_set_of_the_pool_stays_conditional_and_other_pools_sets_too()
    {
        var groups = new GroupMembers(Estate);
        var account = Member.Parse("serviceAccount:p-app.svc.id.goog[dev/app]");
        var cluster = Member.Parse("principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/p-app.svc.id.goog/kubernetes.cluster/https://container.googleapis.com/v1/projects/p-app/locations/europe-west1/clusters/c1");
        var otherPool = Member.Parse("principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/ci/attribute.namespace/dev");
        var federated = Member.Parse("principal://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/ci/subject/dev");

        Assert.Equal(MemberMatchKind.Possibly, MemberMatcher.Match(cluster, account, static (_, _) => MemberMatch.No, groups, Estate).Kind);
        Assert.Equal(MemberMatchKind.No, MemberMatcher.Match(otherPool, account, static (_, _) => MemberMatch.No, groups, Estate).Kind);
        Assert.Equal(MemberMatchKind.Possibly, MemberMatcher.Match(otherPool, federated, static (_, _) => MemberMatch.No, groups, Estate).Kind);
    }

    [Fact]
    public void Deny_rules_and_principal_access_boundaries_see_both_forms()
    {
        var groups = new GroupMembers(Estate);
        var api = Member.Parse("serviceAccount:p-app.svc.id.goog[prod/api]");
        var app = Member.Parse("serviceAccount:p-app.svc.id.goog[dev/app]");

        Assert.Equal(MemberMatchKind.Yes, DenyPrincipals.Match(AppPool + "/subject/ns/prod/sa/api", api, groups, Estate).Kind);
        Assert.Equal(MemberMatchKind.Yes, DenyPrincipals.Match(DevSet, app, groups, Estate).Kind);
        Assert.Equal(MemberMatchKind.No, DenyPrincipals.Match(DevSet, api, groups, Estate).Kind);

        const string Pool = "//iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/p-app.svc.id.goog";
        Assert.Equal(MemberMatchKind.Yes, PrincipalSetMembership.Match(Estate, app, Pool).Kind);
        Assert.Equal(MemberMatchKind.No, PrincipalSetMembership.Match(Estate, Member.Parse("serviceAccount:p-data.svc.id.goog[dev/app]"), Pool).Kind);
        Assert.Equal(MemberMatchKind.No, PrincipalSetMembership.Match(Estate, app, "//iam.googleapis.com/projects/920000000002/locations/global/workloadIdentityPools/p-app.svc.id.goog").Kind);
    }

    [Fact]
    public void What_can_lists_the_binding_to_the_other_form_and_the_typo_check_finds_it()
    {
        var authorizer = new GcpAuthorizer(Estate);
        var api = Member.Parse("serviceAccount:p-app.svc.id.goog[prod/api]");

        var grant = Assert.Single(authorizer.WhatCan(api, November2026));
        Assert.Equal("roles/iam.serviceAccountTokenCreator", grant.Role);
        Assert.Contains("name the same Kubernetes service account", grant.How, StringComparison.Ordinal);
        Assert.Contains(authorizer.SetsThatMayInclude(api), m => m.Kind == MemberKind.Principal);
        Assert.Empty(authorizer.SetsThatMayInclude(Member.Parse("serviceAccount:p-app.svc.id.goog[other/app]")));
    }

    private static Decision Can(string principal)
    {
        var located = ResourceLocator.Locate(Estate, Deployer, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(Estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = GetAccessToken, Resource = located, AsOf = November2026 });
    }
}
