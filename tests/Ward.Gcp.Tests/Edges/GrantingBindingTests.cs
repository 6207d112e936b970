using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// An edge's step names the binding that grants its permission (<see cref="GcpEdgeContext.GrantedBy"/>): the one that
/// decides, not another binding of the same policy that names the principal (a role without the permission, a
/// condition that has expired), whether the answer comes from who-can or from one question.
/// </summary>
public sealed class GrantingBindingTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
    private const string Permission = "iam.serviceAccounts.getAccessToken";
    private const string Account = "serviceAccount:deployer@gb-apps.iam.gserviceaccount.com";

    // ann: an expired Token Creator binding first, then a plain one. lee: Viewer first (no token permission), then
    // Token Creator under a tag condition Ward cannot decide (no tags exported).
    private readonly ScratchFolder _project = new(
        ("assets/resource.json", """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/910000000001","asset_type":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","discovery_name":"Organization","data":{"displayName":"granting.example","lifecycleState":"ACTIVE","name":"organizations/910000000001"}},"ancestors":["organizations/910000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/910000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/910000000001","data":{"lifecycleState":"ACTIVE","name":"Apps","parent":{"id":"910000000001","type":"organization"},"projectId":"gb-apps","projectNumber":"910000000101"}},"ancestors":["projects/910000000101","organizations/910000000001"]}
            """),
        ("assets/iam-policy.json", """
            {"name":"//cloudresourcemanager.googleapis.com/projects/910000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ann@granting.example"],"condition":{"title":"until the audit","expression":"request.time < timestamp(\"2026-06-01T00:00:00Z\")"}},{"role":"roles/viewer","members":["user:lee@granting.example"]},{"role":"roles/iam.serviceAccountTokenCreator","members":["user:lee@granting.example"],"condition":{"title":"production only","expression":"resource.matchTag(\"910000000001/env\", \"prod\")"}},{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ann@granting.example"]}]},"ancestors":["projects/910000000101","organizations/910000000001"]}
            """),
        ("roles/predefined.json", """
            [
              {"name":"roles/iam.serviceAccountTokenCreator","title":"Service Account Token Creator","includedPermissions":["iam.serviceAccounts.getAccessToken","iam.serviceAccounts.signBlob","iam.serviceAccounts.signJwt","iam.serviceAccounts.implicitDelegation"],"stage":"GA"},
              {"name":"roles/viewer","title":"Viewer","includedPermissions":["iam.serviceAccounts.get","iam.serviceAccounts.list","resourcemanager.projects.get"],"stage":"GA"}
            ]
            """),
        ("service-accounts/gb-apps.json", """
            [{"email":"deployer@gb-apps.iam.gserviceaccount.com","name":"projects/gb-apps/serviceAccounts/deployer@gb-apps.iam.gserviceaccount.com","projectId":"gb-apps","uniqueId":"910000000000000000011"}]
            """));

    [Fact]
    public void Steps_name_the_binding_that_grants()
    {
        // Given the project's policy and its deployer account
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_project.Path], TestContext.Current.CancellationToken), AsOf);
        var resource = context.ServiceAccountResource("deployer@gb-apps.iam.gserviceaccount.com")!;

        // When who-can, the one-question answer and the token edges are worked out
        var whoCan = context.WhoCan(Permission, resource).ToDictionary(a => a.Principal, a => a.Decision, StringComparer.Ordinal);
        var edges = GcpEdgeCheckers.Impersonation.Single(c => c.TechniqueId == "gcp-sa-get-access-token").Check(context, targets: null)
            .Where(e => e.To.Value == Account).ToDictionary(e => e.From.Value, StringComparer.Ordinal);

        // Then ann is allowed by bindings[3] and lee conditionally by bindings[2], everywhere the binding is named
        foreach (var (principal, kind, binding) in new[] { ("user:ann@granting.example", DecisionKind.Allowed, "bindings[3]"), ("user:lee@granting.example", DecisionKind.Conditional, "bindings[2]") })
        {
            Assert.Equal(kind, whoCan[principal].Kind);
            var step = context.StepDecision(principal, Permission, resource);
            Assert.Equal(kind, step.Kind);
            foreach (var grantedBy in new[] { GcpEdgeContext.GrantedBy(whoCan[principal]), GcpEdgeContext.GrantedBy(step), Assert.Single(edges[principal].Permissions).GrantedBy })
            {
                Assert.StartsWith($"allow policy of projects/910000000101: {binding}: `roles/iam.serviceAccountTokenCreator` to `{principal}`", grantedBy, StringComparison.Ordinal);
            }
        }

        // And the full answer to one question still weighs every binding that names the principal
        var full = context.Authorize("user:lee@granting.example", Permission, resource);
        var statements = full.Explanation.Layers.SelectMany(l => l.Statements).Select(s => s.Statement).ToList();
        Assert.Contains(statements, s => s.StartsWith("bindings[1]: `roles/viewer`", StringComparison.Ordinal));
        Assert.StartsWith("Allowed only if", full.Explanation.Summary, StringComparison.Ordinal);
    }

    public void Dispose() => _project.Dispose();
}
