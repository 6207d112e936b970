using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>Privileged Access Manager entitlements as <c>gcloud pam entitlements list --format=json</c> prints them (Fixtures/escalation/pam).</summary>
public sealed class PamEntitlementReaderTests
{
    private const string ProjectIamAdmin = "resourcemanager.projects.setIamPolicy";

    [Fact]
    public void Entitlements_are_recognised_by_content_with_their_principals_roles_and_approval_steps()
    {
        // Given the lab's entitlements export
        var estate = GcpFixtures.Escalation;

        // Then every entitlement is read, and the approved one has its single step of one group's approval
        Assert.Equal(6, estate.PamEntitlements.Length);
        var approved = Assert.Single(estate.PamEntitlements, e => e.Name == "projects/esc-lab/locations/global/entitlements/iam-admin-approved");
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/600000000001", approved.Resource);
        Assert.Equal("roles/resourcemanager.projectIamAdmin", Assert.Single(approved.RoleBindings).Role);
        Assert.Equal("user:c-pamadmin@example.com", Assert.Single(approved.EligiblePrincipals).Text);
        var step = Assert.Single(approved.ApprovalSteps);
        Assert.Equal(1, step.ApprovalsNeeded);
        Assert.Equal("group:pam-approvers@example.com", Assert.Single(step.Approvers).Text);
        Assert.False(Assert.Single(estate.PamEntitlements, e => e.State == "DELETED").IsRequestable);

        // And the entitlement whose only approver is eligible too can be approved for the others, never for the approver
        var byLead = Assert.Single(estate.PamEntitlements, e => e.Name.EndsWith("/iam-admin-by-lead", StringComparison.Ordinal));
        Assert.True(byLead.CanBeApprovedFor(Member.Parse("user:c-pamrequester@example.com")));
        Assert.False(byLead.CanBeApprovedFor(Member.Parse("user:S-PamSelfApprover@example.com")));
        Assert.True(approved.CanBeApprovedFor(Member.Parse("user:pam-lead@example.com")));
        Assert.Contains(estate.Inputs, i => i.Note.Contains("6 PAM entitlements", StringComparison.Ordinal));
    }

    [Fact]
    public void What_can_be_requested_is_not_held_until_requested_so_who_can_answers_are_unchanged()
    {
        // Given the break-glass owner, eligible for roles/owner on esc-lab without approval
        var estate = GcpFixtures.Escalation;
        var project = ResourceLocator.Locate(estate, "projects/esc-lab", out _)!;
        var request = new GcpRequest { Principal = Member.Parse("user:v-pamowner@example.com"), Permission = ProjectIamAdmin, Resource = project, AsOf = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero) };

        // When it is decided on the export, and on the estate with the entitlements requested
        var now = new GcpAuthorizer(estate).Authorize(request);
        var requested = PamRequests.Requested(estate);
        var onRequest = new GcpAuthorizer(requested).Authorize(request with { Resource = ResourceLocator.Locate(requested, "projects/esc-lab", out _)! });

        // Then it holds nothing now, and Owner once requested, the explanation naming the entitlement; the export's own policies are untouched
        Assert.Equal(DecisionKind.ImplicitDeny, now.Kind);
        Assert.Equal(DecisionKind.Allowed, onRequest.Kind);
        Assert.Contains(onRequest.Explanation.Layers.SelectMany(l => l.Statements), s => s.Statement.Contains("PAM entitlement `projects/esc-lab/locations/global/entitlements/break-glass-owner`, for up to 3600s", StringComparison.Ordinal));
        Assert.DoesNotContain(estate.Policies.SelectMany(p => p.Bindings), b => b.Entitlement is not null);
    }

    [Fact]
    public void Entitlements_without_a_container_resource_or_access_are_reported_where_they_are_and_the_rest_read()
    {
        // Given three entitlements: one on a bucket, one without gcpIamAccess, one with an unknown principal form
        using var scratch = new ScratchFolder();
        var file = scratch.Write("pam.json", """
            [
              {"name": "projects/p1/locations/global/entitlements/bucket", "eligibleUsers": [{"principals": ["user:a@example.com"]}],
               "privilegedAccess": {"gcpIamAccess": {"resource": "//storage.googleapis.com/projects/_/buckets/b", "resourceType": "storage.googleapis.com/Bucket", "roleBindings": [{"role": "roles/storage.admin"}]}}, "state": "AVAILABLE"},
              {"name": "projects/p1/locations/global/entitlements/empty", "eligibleUsers": [{"principals": ["user:a@example.com"]}], "state": "AVAILABLE"},
              {"name": "projects/p1/locations/global/entitlements/viewer", "eligibleUsers": [{"principals": ["user:a@example.com", "someone"]}],
               "privilegedAccess": {"gcpIamAccess": {"resource": "//cloudresourcemanager.googleapis.com/projects/p1", "resourceType": "cloudresourcemanager.googleapis.com/Project", "roleBindings": [{"role": "roles/viewer"}]}},
               "approvalWorkflow": {"manualApprovals": {"steps": [{"approvers": [{"principals": ["group:leads@example.com"]}]}]}}, "state": "AVAILABLE"}
            ]
            """);

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then the bucket's and the empty one are errors at their place, the unknown principal a warning, and the viewer entitlement read (one approval by default)
        Assert.Contains(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape && d.Location.JsonPath == "$[0].privilegedAccess.gcpIamAccess.resource");
        Assert.Contains(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField && d.Severity == DiagnosticSeverity.Error && d.Location.JsonPath == "$[1]");
        Assert.Contains(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownMember && d.Location.JsonPath == "$[2].eligibleUsers[0].principals");
        var viewer = Assert.Single(estate.PamEntitlements);
        Assert.Equal("user:a@example.com", Assert.Single(viewer.EligiblePrincipals).Text);
        Assert.Equal(1, Assert.Single(viewer.ApprovalSteps).ApprovalsNeeded);
    }
}
