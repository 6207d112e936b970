using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>The evaluator on the Northwind organization export (Fixtures/organization) and the example.org export (Fixtures/evaluation).</summary>
public sealed class GcpAuthorizerTests
{
    private static readonly DateTimeOffset December2026 = At("2026-12-01T09:00:00Z");

    [Fact]
    public void A_binding_on_the_project_itself_allows_and_names_the_binding()
    {
        // Given dana, Owner of the Build project (roles/owner includes storage.buckets.delete in the roles export)
        // When we ask whether she may delete buckets in it
        var decision = Can(GcpFixtures.Estate, "user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod");

        // Then she may: the explanation names the role, member and where the policy is attached, and says the answer is an upper bound
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("the binding of `roles/owner` to `user:dana@northwind.example` in the allow policy of `projects/310000000001` grants `storage.buckets.delete`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.EndsWith(GcpAuthorizer.UpperBoundNote, decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.True(decision.Explanation.Layers[0].Decisive);
    }

    [Fact]
    public void Bindings_of_a_folder_are_inherited_by_its_projects()
    {
        // Given the engineering group, Editor on the Engineering folder
        // When we ask about the Build project below it
        var decision = Can(GcpFixtures.Estate, "group:engineering@northwind.example", "compute.instances.setMetadata", "projects/310000000001");

        // Then it may, through the folder's policy
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`roles/editor` to `group:engineering@northwind.example` in the allow policy of `folders/210987654321` (inherited)", decision.Explanation.Summary, StringComparison.Ordinal);
        var decisive = Assert.Single(decision.Explanation.Layers, l => l.Decisive);
        Assert.Equal(GcpFixtures.Full(GcpFixtures.Engineering), decisive.Scope);
    }

    [Fact]
    public void A_domain_binding_includes_the_accounts_of_that_domain_only()
    {
        // Given `domain:northwind.example`, Viewer on the Engineering folder
        // When a northwind user and a partner user ask to get the App project
        var northwind = Can(GcpFixtures.Estate, "user:kim@northwind.example", "resourcemanager.projects.get", "projects/nw-app-prod");
        var partner = Can(GcpFixtures.Estate, "user:lee@partner.example", "resourcemanager.projects.get", "projects/nw-app-prod");

        // Then only the northwind user may, and the explanation says through which domain
        Assert.Equal(DecisionKind.Allowed, northwind.Kind);
        Assert.Contains("`user:kim@northwind.example` is an account of domain `northwind.example`", northwind.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, partner.Kind);
    }

    [Fact]
    public void A_user_may_be_allowed_through_groups_only_conditionally_on_membership()
    {
        // Given erin, named in no binding, and two groups that may delete buckets in the Build project (cloud-admins,
        // Owner of the organization; engineering, Editor of the folder)
        // When we ask about erin
        var decision = Can(GcpFixtures.Estate, "user:erin@northwind.example", "storage.buckets.delete", "projects/nw-build-prod");

        // Then the group bindings are not dropped: she may only if she is a member of one of them
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.StartsWith("one of: ", requirement, StringComparison.Ordinal);
        Assert.Contains("`user:erin@northwind.example` is a member of group `cloud-admins@northwind.example`", requirement, StringComparison.Ordinal);
        Assert.Contains("is a member of group `engineering@northwind.example`", requirement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00Z", DecisionKind.Allowed)]
    [InlineData("2027-01-01T00:00:00Z", DecisionKind.ImplicitDeny)]
    [InlineData("2027-03-01T00:00:00Z", DecisionKind.ImplicitDeny)]
    public void A_time_bound_binding_allows_until_its_end_at_the_reference_time(string asOf, DecisionKind expected)
    {
        // Given lee, Service Account Token Creator on the Build project "until end of contract" (before 2027-01-01)
        // When we ask at a reference time
        var decision = Can(GcpFixtures.Estate, "user:lee@partner.example", "iam.serviceAccounts.getAccessToken", "projects/nw-build-prod", At(asOf));

        // Then the condition decides, and the explanation quotes it
        Assert.Equal(expected, decision.Kind);
        Assert.Contains("\"until end of contract\" (`request.time < timestamp(\"2027-01-01T00:00:00Z\")`)", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains(expected == DecisionKind.Allowed ? "holds for this request" : "does not hold for this request", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//iam.googleapis.com/projects/-/serviceAccounts/app-runtime@nw-app-prod.iam.gserviceaccount.com", true)]
    [InlineData("//iam.googleapis.com/projects/nw-app-prod/serviceAccounts/legacy-batch@nw-app-prod.iam.gserviceaccount.com", false)]
    [InlineData("projects/nw-app-prod", false)]
    public void A_resource_name_condition_limits_a_project_binding_to_one_service_account(string resource, bool holds)
    {
        // Given ci-deployer, Service Account User on the App project only for the app-runtime account (and groups
        // with Editor above, of which it may be a member)
        // When we ask whether it may act as accounts of the project (or on the project itself)
        var decision = Can(GcpFixtures.Estate, "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com", "iam.serviceAccounts.actAs", resource);

        // Then only the named account is allowed by that binding; for the others the condition is recorded as not holding
        Assert.Equal(holds ? DecisionKind.Allowed : DecisionKind.Conditional, decision.Kind);
        var binding = Assert.Single(decision.Explanation.Layers.SelectMany(l => l.Statements), s => s.Statement.Contains("`roles/iam.serviceAccountUser`", StringComparison.Ordinal));
        Assert.Equal(holds, !binding.Statement.Contains("does not hold for this request", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_accounts_own_policy_grants_on_it()
    {
        // Given dana, Token Creator on the terraform account (its policy exported under the account's unique id)
        // When we ask about the account by email, and about another account of the project
        var terraform = Can(GcpFixtures.Estate, "user:dana@northwind.example", "iam.serviceAccounts.getAccessToken", "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/" + GcpFixtures.Terraform);
        var other = Can(GcpFixtures.Estate, "user:dana@northwind.example", "iam.serviceAccounts.getAccessToken", "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/ci-deployer@nw-build-prod.iam.gserviceaccount.com");

        // Then only the terraform account is allowed, by its own policy
        Assert.Equal(DecisionKind.Allowed, terraform.Kind);
        Assert.Contains("allow policy of `//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/104000000000000000002`", terraform.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, other.Kind);
    }

    [Fact]
    public void A_service_accounts_own_policy_is_not_said_to_be_inherited()
    {
        // Given dana, Token Creator on the terraform account by the account's own policy (exported under its unique
        // id, not under the email the question names)
        var decision = Can(GcpFixtures.Estate, "user:dana@northwind.example", "iam.serviceAccounts.getAccessToken", "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/" + GcpFixtures.Terraform);

        // Then the answer names the account's own policy as its own: not inherited, and its layer is the first, the decisive one
        Assert.Contains("in the allow policy of `//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/104000000000000000002` grants", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("104000000000000000002` (inherited)", decision.Explanation.Summary, StringComparison.Ordinal);
        var own = decision.Explanation.Layers[0];
        Assert.True(own.Decisive);
        Assert.Equal("allow policy of //iam.googleapis.com/projects/nw-build-prod/serviceAccounts/104000000000000000002", own.Layer);

        // And the policies above it are the inherited ones
        Assert.All(decision.Explanation.Layers.Skip(1), l => Assert.Contains("(inherited)", l.Layer, StringComparison.Ordinal));
    }

    [Fact]
    public void A_deleted_custom_role_grants_nothing_and_the_denial_says_so()
    {
        // Given the release group, bound on the App project to the deleted custom role legacyDeployer
        // When we ask whether it may update Cloud Run services
        var decision = Can(GcpFixtures.Estate, "group:release@northwind.example", "run.services.update", "projects/nw-app-prod");

        // Then it may not, and the explanation names the deleted role
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("`organizations/123456789012/roles/legacyDeployer` includes `run.services.update` but is deleted: it grants nothing", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_custom_role_grants_nothing()
    {
        // Given the analysts group, bound at the organization to the DISABLED custom role bucketReader
        var decision = Can(GcpFixtures.Evaluation, "group:analysts@example.org", "storage.objects.get", "projects/data-prod");

        // Then it is denied: the role is disabled
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("`organizations/900000000001/roles/bucketReader` includes `storage.objects.get` but is disabled", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_missing_from_the_roles_export_is_indeterminate_naming_the_role()
    {
        // Given ops, bound on the App project to roles/compute.admin, which the roles export does not describe
        var decision = Can(GcpFixtures.Estate, "user:ops@northwind.example", "compute.instances.setMetadata", "projects/nw-app-prod");

        // Then Ward does not guess: the decision is indeterminate and names the role
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains("role `roles/compute.admin` is not in the roles export", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_listed_without_its_permissions_is_indeterminate()
    {
        // Given ops, Storage Admin at the organization, a role the roles export lists in the BASIC view only
        var decision = Can(GcpFixtures.Evaluation, "user:ops@example.org", "storage.objects.delete", "//storage.googleapis.com/projects/_/buckets/reports-2026");

        // Then whether it grants is unknown
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains("role `roles/storage.admin` was exported without its permissions", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_member_never_matches()
    {
        // Given a binding of Viewer on the data project to `deleted:user:gone@example.org`
        // When the user of that name asks
        var decision = Can(GcpFixtures.Evaluation, "user:gone@example.org", "resourcemanager.projects.get", "projects/data-prod");

        // Then the deleted principal's binding does not apply to them
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
    }

    [Fact]
    public void Anyone_signed_in_with_Google_may_read_a_bucket_open_to_allAuthenticatedUsers_but_not_anonymous_nor_federated_callers()
    {
        // Given the reports bucket, readable by allAuthenticatedUsers
        const string Bucket = "//storage.googleapis.com/reports-2026";

        // When a Google account, anonymous callers and a federated workforce identity ask
        var google = Can(GcpFixtures.Evaluation, "user:someone@gmail.com", "storage.objects.get", Bucket);
        var anonymous = Can(GcpFixtures.Evaluation, "allUsers", "storage.objects.get", Bucket);
        var federated = Can(GcpFixtures.Evaluation, "principal://iam.googleapis.com/locations/global/workforcePools/partners/subject/alex", "storage.objects.get", Bucket);

        // Then only the Google account may
        Assert.Equal(DecisionKind.Allowed, google.Kind);
        Assert.Contains("`allAuthenticatedUsers` is every Google account and service account", google.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, anonymous.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, federated.Kind);
    }

    [Fact]
    public void A_public_bucket_is_readable_by_anyone()
    {
        // Given the uploads bucket of the App project, with objectViewer for allUsers
        var decision = Can(GcpFixtures.Estate, "allUsers", "storage.objects.get", "//storage.googleapis.com/projects/_/buckets/nw-app-prod-uploads/objects/invoice.pdf");

        // Then anyone may read its objects, by the bucket's policy
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`roles/storage.objectViewer` to `allUsers` in the allow policy of `//storage.googleapis.com/nw-app-prod-uploads` (inherited)", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("principal://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/github/subject/repo:example/etl:ref:refs/heads/main", DecisionKind.Allowed)]
    [InlineData("principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/github/attribute.repository/example/etl", DecisionKind.Allowed)]
    [InlineData("principal://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/gitlab/subject/project_path:example/etl", DecisionKind.ImplicitDeny)]
    public void Every_identity_of_a_workload_pool_matches_a_binding_to_the_whole_pool(string principal, DecisionKind expected)
    {
        // Given objectViewer on the data project for `principalSet://…/workloadIdentityPools/github/*`
        var decision = Can(GcpFixtures.Evaluation, principal, "storage.objects.get", "//storage.googleapis.com/projects/_/buckets/raw-events/objects/e.json", project: "projects/data-prod");

        // Then identities and sets of that pool match it, those of another pool do not
        Assert.Equal(expected, decision.Kind);
    }

    [Fact]
    public void A_workforce_identity_is_conditional_on_the_pool_group_a_binding_names()
    {
        // Given logging.viewer on the Shared Logs project for the auditors group of the partners workforce pool
        var alex = Can(GcpFixtures.Estate, "principal://iam.googleapis.com/locations/global/workforcePools/partners/subject/alex@partner.example", "logging.logEntries.list", "projects/nw-shared-logs");
        var set = Can(GcpFixtures.Estate, "principalSet://iam.googleapis.com/locations/global/workforcePools/partners/group/auditors", "logging.logEntries.list", "projects/nw-shared-logs");

        // Then an identity of the pool may, if it is in that group; the group itself may
        var conditional = Assert.IsType<Conditional>(alex);
        Assert.Contains("is in group `auditors` of pool `iam.googleapis.com/locations/global/workforcePools/partners`", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, set.Kind);
    }

    [Fact]
    public void ProjectOwner_includes_the_owners_of_the_project()
    {
        // Given the reports bucket, with legacyBucketOwner for `projectOwner:data-prod`, and owner, Owner of data-prod
        var owner = Can(GcpFixtures.Evaluation, "user:owner@example.org", "storage.buckets.setIamPolicy", "//storage.googleapis.com/reports-2026");
        var other = Can(GcpFixtures.Evaluation, "user:carol@example.org", "storage.buckets.setIamPolicy", "//storage.googleapis.com/reports-2026");

        // Then the project's owner may, through the convenience member; someone else may not
        Assert.Equal(DecisionKind.Allowed, owner.Kind);
        Assert.Contains("`user:owner@example.org` is bound to `roles/owner` in the allow policy of project `data-prod`, so `projectOwner:data-prod` includes it", owner.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, other.Kind);
    }

    [Fact]
    public void An_Owner_inherited_from_the_organization_is_only_possibly_a_projectOwner()
    {
        // Given the uploads bucket's `projectOwner:nw-app-prod` binding, and cloud-admins, Owner of the organization
        // (not of the App project itself)
        var decision = Can(GcpFixtures.Estate, "group:cloud-admins@northwind.example", "storage.buckets.setIamPolicy", "//storage.googleapis.com/nw-app-prod-uploads");

        // Then whether the inherited grant counts is not guessed
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains("counts `roles/owner` inherited from above the project", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//storage.googleapis.com/projects/_/buckets/reports-2026/objects/q4.csv", DecisionKind.Allowed)]
    [InlineData("//storage.googleapis.com/projects/_/buckets/raw-events/objects/q4.csv", DecisionKind.ImplicitDeny)]
    public void A_resource_name_prefix_condition_on_a_folder_binding_reaches_only_matching_buckets(string resource, DecisionKind expected)
    {
        // Given carol, objectViewer on the Data folder for buckets named reports-*
        var decision = Can(GcpFixtures.Evaluation, "user:carol@example.org", "storage.objects.get", resource, project: "projects/data-prod");

        // Then the prefix decides
        Assert.Equal(expected, decision.Kind);
    }

    [Theory]
    [InlineData("//storage.googleapis.com/projects/_/buckets/raw-events/objects/day.csv", DecisionKind.Allowed)]
    [InlineData("//storage.googleapis.com/projects/_/buckets/raw-events/objects/day.json", DecisionKind.ImplicitDeny)]
    [InlineData("//storage.googleapis.com/projects/_/buckets/raw-events", DecisionKind.ImplicitDeny)]
    public void A_resource_type_and_suffix_condition_reaches_only_csv_objects(string resource, DecisionKind expected)
    {
        // Given etl, objectAdmin on the data project for objects whose names end in .csv
        var decision = Can(GcpFixtures.Evaluation, "serviceAccount:etl@data-prod.iam.gserviceaccount.com", "storage.objects.delete", resource, project: "projects/data-prod");

        // Then the type and the suffix decide
        Assert.Equal(expected, decision.Kind);
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z", true)] // Tuesday 09:00 in Berlin, 08:00 UTC
    [InlineData("2026-12-01T15:30:00Z", true)] // Tuesday 16:30 in Berlin
    [InlineData("2026-12-01T16:30:00Z", false)] // Tuesday 17:30 in Berlin, 16:30 UTC
    [InlineData("2026-12-05T10:00:00Z", false)] // Saturday 11:00 in Berlin
    public void A_business_hours_condition_is_conditional_at_any_reference_time_saying_whether_it_holds_then(string asOf, bool holds)
    {
        TimeZones.SkipWithoutDatabase("getHours(\"Europe/Berlin\")");
        // Given gina, objectViewer on the Data folder on weekdays from 9 to 17 in Berlin
        var decision = Can(GcpFixtures.Evaluation, "user:gina@example.org", "storage.objects.get", "//storage.googleapis.com/projects/_/buckets/raw-events/objects/day.csv", At(asOf), project: "projects/data-prod");

        // Then IAM decides the hour and day on every request: whatever the reference time, she is allowed only within
        // the window, and the requirement quotes the condition and says whether the reference time falls in it
        var conditional = Assert.IsType<Conditional>(decision);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.StartsWith("the condition \"Berlin office hours\" (`request.time.getDayOfWeek(\"Europe/Berlin\") >= 1", requirement, StringComparison.Ordinal);
        Assert.Contains("`request.time.getHours(\"Europe/Berlin\")` recurs with the time of day", requirement, StringComparison.Ordinal);
        Assert.EndsWith($"at the reference time {asOf} it {(holds ? "holds" : "does not hold")})", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_binding_grants_nothing()
    {
        // Given temp, objectCreator on the data project until 2026-01-01
        var decision = Can(GcpFixtures.Evaluation, "user:temp@example.org", "storage.objects.create", "projects/data-prod");

        // Then, in December 2026, it no longer grants
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("its condition \"until 2026\"", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00Z", DecisionKind.ImplicitDeny)]
    [InlineData("2025-12-01T09:00:00Z", DecisionKind.Indeterminate)]
    public void An_expired_binding_grants_nothing_even_of_a_role_the_export_does_not_describe(string asOf, DecisionKind expected)
    {
        // Given migrator, bound on the data project until 2026-01-01 to Project IAM Admin, which the roles export does not describe
        var decision = Can(GcpFixtures.Evaluation, "user:migrator@example.org", "resourcemanager.projects.setIamPolicy", "projects/data-prod", At(asOf));

        // Then once the condition is false the binding grants nothing, whatever the role holds; while it holds, Ward
        // still does not guess what the role includes
        Assert.Equal(expected, decision.Kind);
        Assert.Contains(
            expected == DecisionKind.ImplicitDeny ? "so it grants nothing, whatever `roles/resourcemanager.projectIamAdmin` includes" : "role `roles/resourcemanager.projectIamAdmin` is not in the roles export",
            decision.Explanation.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void What_can_lists_an_expired_binding_of_an_undescribed_role_as_granting_nothing_for_its_condition()
    {
        var grant = Assert.Single(new GcpAuthorizer(GcpFixtures.Evaluation).WhatCan(Member.Parse("user:migrator@example.org"), December2026), g => g.Member == "user:migrator@example.org");

        Assert.False(grant.Grants);
        Assert.StartsWith("its condition \"migration window\"", grant.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:dave@example.org", "`resource.matchTag(\"900000000001/env\", \"dev\")` is not decided: no tag bindings were exported")]
    [InlineData("user:erin@example.org", "the condition could not be parsed: the expression ends where a value was expected")]
    public void A_condition_Ward_cannot_decide_makes_the_answer_conditional_on_it(string principal, string note)
    {
        // Given dave, objectAdmin on the Data folder where a tag matches, and erin, objectViewer under a condition that is not CEL
        var decision = Can(GcpFixtures.Evaluation, principal, "storage.objects.get", "projects/data-prod");

        // Then the answer is conditional, naming the condition and what could not be decided, never a crash
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains(note, Assert.Single(conditional.Requirements), StringComparison.Ordinal);
        Assert.EndsWith(GcpAuthorizer.UpperBoundNote, conditional.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_denial_says_no_binding_grants_and_lists_the_principals_bindings_that_did_not()
    {
        // Given carol, objectViewer on report buckets, which does not include deleting objects (nor do the bindings
        // to allAuthenticatedUsers and projectOwner on the bucket)
        var decision = Can(GcpFixtures.Evaluation, "user:carol@example.org", "storage.objects.delete", "//storage.googleapis.com/projects/_/buckets/reports-2026/objects/q4.csv");

        // Then the denial says that no binding grants it, and why each binding that names her does not
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.StartsWith("Not allowed: no binding in the allow policies of `//storage.googleapis.com/projects/_/buckets/reports-2026/objects/q4.csv` or its ancestors grants `storage.objects.delete` to `user:carol@example.org`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("`roles/storage.objectViewer` to `user:carol@example.org` in the allow policy of `folders/910000000001` (inherited): `roles/storage.objectViewer` does not include `storage.objects.delete`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_outside_the_export_is_indeterminate_unless_a_policy_Ward_saw_allows()
    {
        // Given a bucket the export does not place in the hierarchy
        var decision = Can(GcpFixtures.Estate, "user:dana@northwind.example", "storage.objects.get", "//storage.googleapis.com/projects/_/buckets/elsewhere");

        // Then Ward cannot tell what the policies above it grant
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains("the export does not place", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_lists_the_members_that_grant_each_with_its_decision()
    {
        // Given the Build project
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, "projects/nw-build-prod", out _)!;

        // When we ask who may delete buckets in it
        var answers = new GcpAuthorizer(GcpFixtures.Estate).WhoCan("storage.buckets.delete", resource, December2026, all: false);

        // Then the owners and editors bound on it or above it are listed (groups for themselves), and no one else
        Assert.Equal(
            ["group:cloud-admins@northwind.example", "group:engineering@northwind.example", "serviceAccount:old-pipeline@nw-build-prod.iam.gserviceaccount.com", "user:dana@northwind.example"],
            answers.Select(a => a.Principal.Text).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.All(answers, a => Assert.Equal(DecisionKind.Allowed, a.Decision.Kind));
    }

    [Fact]
    public void Who_can_with_all_also_lists_the_principals_denied()
    {
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, "projects/nw-build-prod", out _)!;
        var answers = new GcpAuthorizer(GcpFixtures.Estate).WhoCan("storage.buckets.delete", resource, December2026, all: true);

        // Then lee (Token Creator) is there, denied; the deleted member is not
        Assert.Contains(answers, a => a.Principal.Text == "user:lee@partner.example" && a.Decision.Kind == DecisionKind.ImplicitDeny);
        Assert.DoesNotContain(answers, a => a.Principal.IsDeleted);
    }

    [Fact]
    public void Who_can_expands_projectOwner_to_the_owners_of_the_project()
    {
        var resource = ResourceLocator.Locate(GcpFixtures.Evaluation, "//storage.googleapis.com/reports-2026", out _)!;
        var answers = new GcpAuthorizer(GcpFixtures.Evaluation).WhoCan("storage.buckets.setIamPolicy", resource, December2026, all: false);

        // Then the convenience member and the project's owner are allowed; ops, whose role was listed without its
        // permissions, is indeterminate
        Assert.Equal(["projectOwner:data-prod", "user:ops@example.org", "user:owner@example.org"], answers.Select(a => a.Principal.Text).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(DecisionKind.Indeterminate, answers.Single(a => a.Principal.Text == "user:ops@example.org").Decision.Kind);
        Assert.All(answers.Where(a => a.Principal.Text != "user:ops@example.org"), a => Assert.Equal(DecisionKind.Allowed, a.Decision.Kind));
    }

    private static Decision Can(GcpEstate estate, string principal, string permission, string resource, DateTimeOffset? asOf = null, string? project = null)
    {
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        if (project is not null && located.AncestryGap is not null)
        {
            // A bucket the export has no policy for: place it in its project, as a policy on it would.
            var above = ResourceLocator.Locate(estate, project, out _)!;
            located = located with { PolicyHolders = [.. located.PolicyHolders, .. above.PolicyHolders], AncestryGap = null };
        }

        var request = new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = asOf ?? December2026 };
        return new GcpAuthorizer(estate).Authorize(request);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
