using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// The principal sets allow and deny policies name, decided as principal access boundaries decide the same sets:
/// <c>principalSet://cloudresourcemanager.googleapis.com/…/type/ServiceAccount</c> and
/// <c>principalSet://goog/cloudIdentityCustomerId/…</c>. The estate is written here in the export's formats
/// (Cloud Asset Inventory lines, <c>gcloud iam roles list</c>, <c>gcloud iam policies get</c>): organization
/// 100000000001 (<c>example.com</c>, customer <c>C0abc</c>) holds folder Apps (200000000001) with project
/// <c>p-app</c> (300000000001, service account <c>ci</c>) and folder Other (200000000002) with project <c>p-out</c>
/// (300000000002, service account <c>sa2</c>); bucket <c>reports</c> is in <c>p-app</c>.
/// </summary>
public sealed class PrincipalSetMemberTests
{
    private const string Ci = "serviceAccount:ci@p-app.iam.gserviceaccount.com";
    private const string OtherFolderAccount = "serviceAccount:sa2@p-out.iam.gserviceaccount.com";
    private const string UnexportedProjectAccount = "serviceAccount:batch@p-gone.iam.gserviceaccount.com";
    private const string AppsServiceAccounts = "principalSet://cloudresourcemanager.googleapis.com/folders/200000000001/type/ServiceAccount";
    private const string Customer = "principalSet://goog/cloudIdentityCustomerId/C0abc";
    private const string Reports = "//storage.googleapis.com/reports";
    private const string Ancestors = """["projects/300000000001", "folders/200000000001", "organizations/100000000001"]""";

    private const string Resources = """
        {"name": "//cloudresourcemanager.googleapis.com/organizations/100000000001", "asset_type": "cloudresourcemanager.googleapis.com/Organization", "resource": {"version": "v1", "discovery_name": "Organization", "data": {"displayName": "example.com", "lifecycleState": "ACTIVE", "name": "organizations/100000000001", "owner": {"directoryCustomerId": "C0abc"}}, "location": "global"}, "ancestors": ["organizations/100000000001"]}
        {"name": "//cloudresourcemanager.googleapis.com/folders/200000000001", "asset_type": "cloudresourcemanager.googleapis.com/Folder", "resource": {"version": "v2", "discovery_name": "Folder", "parent": "//cloudresourcemanager.googleapis.com/organizations/100000000001", "data": {"displayName": "Apps", "lifecycleState": "ACTIVE", "name": "folders/200000000001", "parent": "organizations/100000000001"}, "location": "global"}, "ancestors": ["folders/200000000001", "organizations/100000000001"]}
        {"name": "//cloudresourcemanager.googleapis.com/folders/200000000002", "asset_type": "cloudresourcemanager.googleapis.com/Folder", "resource": {"version": "v2", "discovery_name": "Folder", "parent": "//cloudresourcemanager.googleapis.com/organizations/100000000001", "data": {"displayName": "Other", "lifecycleState": "ACTIVE", "name": "folders/200000000002", "parent": "organizations/100000000001"}, "location": "global"}, "ancestors": ["folders/200000000002", "organizations/100000000001"]}
        {"name": "//cloudresourcemanager.googleapis.com/projects/300000000001", "asset_type": "cloudresourcemanager.googleapis.com/Project", "resource": {"version": "v1", "discovery_name": "Project", "parent": "//cloudresourcemanager.googleapis.com/folders/200000000001", "data": {"lifecycleState": "ACTIVE", "name": "App", "parent": {"id": "200000000001", "type": "folder"}, "projectId": "p-app", "projectNumber": "300000000001"}, "location": "global"}, "ancestors": ["projects/300000000001", "folders/200000000001", "organizations/100000000001"]}
        {"name": "//cloudresourcemanager.googleapis.com/projects/300000000002", "asset_type": "cloudresourcemanager.googleapis.com/Project", "resource": {"version": "v1", "discovery_name": "Project", "parent": "//cloudresourcemanager.googleapis.com/folders/200000000002", "data": {"lifecycleState": "ACTIVE", "name": "Out", "parent": {"id": "200000000002", "type": "folder"}, "projectId": "p-out", "projectNumber": "300000000002"}, "location": "global"}, "ancestors": ["projects/300000000002", "folders/200000000002", "organizations/100000000001"]}
        {"name": "//iam.googleapis.com/projects/p-app/serviceAccounts/111000000000000000001", "asset_type": "iam.googleapis.com/ServiceAccount", "resource": {"version": "v1", "discovery_name": "ServiceAccount", "parent": "//cloudresourcemanager.googleapis.com/projects/300000000001", "data": {"email": "ci@p-app.iam.gserviceaccount.com", "name": "projects/p-app/serviceAccounts/ci@p-app.iam.gserviceaccount.com", "projectId": "p-app", "uniqueId": "111000000000000000001"}}, "ancestors": ["projects/300000000001", "folders/200000000001", "organizations/100000000001"]}
        {"name": "//iam.googleapis.com/projects/p-out/serviceAccounts/111000000000000000002", "asset_type": "iam.googleapis.com/ServiceAccount", "resource": {"version": "v1", "discovery_name": "ServiceAccount", "parent": "//cloudresourcemanager.googleapis.com/projects/300000000002", "data": {"email": "sa2@p-out.iam.gserviceaccount.com", "name": "projects/p-out/serviceAccounts/sa2@p-out.iam.gserviceaccount.com", "projectId": "p-out", "uniqueId": "111000000000000000002"}}, "ancestors": ["projects/300000000002", "folders/200000000002", "organizations/100000000001"]}

        """;

    private const string Roles = """
        [
          {"name": "roles/storage.admin", "title": "Storage Admin", "includedPermissions": ["storage.buckets.delete", "storage.buckets.get", "storage.objects.delete", "storage.objects.get", "storage.objects.list"], "stage": "GA", "etag": "AA=="}
        ]
        """;

    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void An_allow_to_the_service_accounts_of_a_folder_is_decided_from_the_hierarchy()
    {
        // Given Storage Admin on the reports bucket bound to every service account of the Apps folder
        var estate = Load(BucketPolicy(("roles/storage.admin", AppsServiceAccounts)));

        // Then ci, of p-app in that folder, may delete the bucket; the answer says how it is in the set
        var ci = Can(estate, Ci, "storage.buckets.delete");
        Assert.IsType<Allowed>(ci);
        Assert.Contains("`serviceAccount:ci@p-app.iam.gserviceaccount.com` is a service account of `projects/p-app`, in `folders/200000000001`", ci.Explanation.Summary, StringComparison.Ordinal);

        // And sa2, whose project the export places under the Other folder, may not
        Assert.Equal(DecisionKind.ImplicitDeny, Can(estate, OtherFolderAccount, "storage.buckets.delete").Kind);

        // And an account of a project the export does not hold stays conditional on where that project is
        var unknown = Assert.IsType<Conditional>(Can(estate, UnexportedProjectAccount, "storage.buckets.delete"));
        Assert.Contains("project `p-gone` of `serviceAccount:batch@p-gone.iam.gserviceaccount.com` is in `folders/200000000001` (the project is not in the export)", Assert.Single(unknown.Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/projects/300000000001/type/ServiceAccount", Ci, "Yes")]       // the project by number, as Google writes it
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/projects/p-app/type/ServiceAccount", Ci, "Yes")]              // and by id
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/projects/300000000002/type/ServiceAccount", Ci, "No")]
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/organizations/100000000001/type/ServiceAccount", OtherFolderAccount, "Yes")] // at any depth
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/organizations/100000000001/type/ServiceAccount", "user:alice@example.com", "No")] // service accounts only
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/organizations/100000000001/type/ServiceAccount", "serviceAccount:service-300000000001@gcp-sa-pubsub.iam.gserviceaccount.com", "No")] // a service agent lives in Google's projects
    [InlineData("principalSet://cloudresourcemanager.googleapis.com/organizations/100000000001/type/ServiceAccount", "serviceAccount:p-app.svc.id.goog[dev/app]", "No")] // a Kubernetes service account is no IAM service account
    [InlineData(AppsServiceAccounts, "serviceAccount:300000000001-compute@developer.gserviceaccount.com", "Yes")] // a default account, by its project's number
    [InlineData(AppsServiceAccounts, UnexportedProjectAccount, "Possibly")]
    public void The_service_accounts_of_a_container_are_those_of_the_projects_under_it(string set, string principal, string expected)
    {
        var estate = Load(BucketPolicy());

        Assert.Equal(expected, MemberMatcher.Match(Member.Parse(set), Member.Parse(principal), static (_, _) => MemberMatch.No, new GroupMembers(estate), estate).Kind.ToString());
    }

    [Fact]
    public void A_deny_to_the_service_accounts_of_a_folder_denies_its_accounts_and_leaves_the_others_alone()
    {
        // Given ci and sa2 Storage Admins of the bucket, and a deny of bucket deletion to the Apps folder's service accounts
        var estate = Load(
            BucketPolicy(("roles/storage.admin", Ci), ("roles/storage.admin", OtherFolderAccount)),
            DenyRule(AppsServiceAccounts, "storage.googleapis.com/buckets.delete"));

        // Then ci is denied, naming the rule
        var ci = Can(estate, Ci, "storage.buckets.delete");
        Assert.Equal(DecisionKind.ExplicitDeny, ci.Kind);
        Assert.Contains("sets", ci.Explanation.Summary, StringComparison.Ordinal);

        // And sa2, of a project under the Other folder, keeps its allow without doubt
        Assert.IsType<Allowed>(Can(estate, OtherFolderAccount, "storage.buckets.delete"));
    }

    [Fact]
    public void A_deny_to_the_organizations_customer_denies_its_users_as_the_boundary_decides_them()
    {
        // Given three users Storage Admins of the bucket, and a deny of object deletion to the customer C0abc, the
        // organization's directory customer, whose primary domain is example.com
        var estate = Load(
            BucketPolicy(("roles/storage.admin", "user:alice@example.com"), ("roles/storage.admin", "user:gina@gmail.com"), ("roles/storage.admin", "user:lee@partner.example")),
            DenyRule(Customer, "storage.googleapis.com/objects.delete"));

        // Then alice, of the primary domain, is denied: the boundary bound to the customer's set holds her for certain too
        var alice = Can(estate, "user:alice@example.com", "storage.objects.delete");
        Assert.Equal(DecisionKind.ExplicitDeny, alice.Kind);
        Assert.Equal(MemberMatchKind.Yes, PrincipalSetMembership.Match(estate, Member.Parse("user:alice@example.com"), "//iam.googleapis.com/locations/global/workspace/C0abc").Kind);

        // And a consumer account belongs to no customer: allowed
        Assert.IsType<Allowed>(Can(estate, "user:gina@gmail.com", "storage.objects.delete"));

        // And an account of another domain may be the customer's (Ward knows only the primary domain): conditional
        var lee = Assert.IsType<Conditional>(Can(estate, "user:lee@partner.example", "storage.objects.delete"));
        Assert.Contains("Google Workspace customer `C0abc`", Assert.Single(lee.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_to_another_customer_leaves_the_organizations_users_undecided()
    {
        // A customer id the export names for no organization: alice's customer is not known to be it, nor not to be
        var estate = Load(BucketPolicy(("roles/storage.admin", "user:alice@example.com")), DenyRule("principalSet://goog/cloudIdentityCustomerId/C0other", "storage.googleapis.com/objects.delete"));

        Assert.IsType<Conditional>(Can(estate, "user:alice@example.com", "storage.objects.delete"));
    }

    private static string BucketPolicy(params (string Role, string Member)[] bindings) =>
        $$"""{"name": "{{Reports}}", "asset_type": "storage.googleapis.com/Bucket", "iam_policy": {"version": 3, "etag": "BwX=", "bindings": [{{string.Join(", ", bindings.Select(b => $$"""{"role": "{{b.Role}}", "members": ["{{b.Member}}"]}"""))}}]}, "ancestors": {{Ancestors}}}""";

    private static string DenyRule(string principal, string permission) => $$"""
        [
          {
            "name": "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F100000000001/denypolicies/sets",
            "uid": "0b6f5c1e-8e0d-4d1a-9f3b-2a7c6e5d4c3b",
            "kind": "DenyPolicy",
            "displayName": "sets",
            "etag": "MTc=",
            "createTime": "2026-01-01T00:00:00Z",
            "updateTime": "2026-01-01T00:00:00Z",
            "rules": [{"denyRule": {"deniedPrincipals": ["{{principal}}"], "deniedPermissions": ["{{permission}}"] } }]
          }
        ]
        """;

    /// <summary>The estate, with the bucket's policy and, if given, the organization's deny policy.</summary>
    private static GcpEstate Load(string bucketPolicy, string? denyPolicy = null)
    {
        using var folder = new ScratchFolder(
            (Path.Combine("assets", "resource.json"), Resources),
            (Path.Combine("assets", "iam-policy.json"), bucketPolicy + "\n"),
            (Path.Combine("roles", "predefined.json"), Roles));
        if (denyPolicy is not null)
        {
            folder.Write(Path.Combine("deny-policies", "organizations-100000000001.json"), denyPolicy);
        }

        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error);
        return estate;
    }

    private static Decision Can(GcpEstate estate, string principal, string permission)
    {
        var located = ResourceLocator.Locate(estate, Reports, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026 });
    }
}
