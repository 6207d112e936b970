using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// Delegated answers for a client that requires assignment (<c>appRoleAssignmentRequired</c>). The export
/// (Fixtures/Entra/assignment-required-client): Web App requires assignment and is granted Microsoft Graph's Mail.Read
/// for every user (<c>AllPrincipals</c>); assigned holds its default access role; nested is a member of Web App Pilot,
/// itself a member of Web App Users, which is assigned; notassigned holds no assignment. Personal App, exported
/// without the property, is granted Mail.Read for assigned alone. Web App also holds Microsoft Graph's
/// DelegatedPermissionGrant.ReadWrite.All, with which it acts as the users who sign in to it.
/// </summary>
public sealed class AssignmentRequiredClientTests
{
    private const string WebApp = "ffffffff-0000-0000-0000-000000000002";
    private const string PersonalApp = "ffffffff-0000-0000-0000-000000000003";
    private const string Assigned = "cccccccc-0000-0000-0000-000000000002";
    private const string NotAssigned = "cccccccc-0000-0000-0000-000000000003";
    private const string Nested = "cccccccc-0000-0000-0000-000000000004";

    private static readonly EntraDirectory Directory = EntraDirectoryLoader.Load([Path.Combine(EntraFixtures.Directory, "assignment-required-client")]);
    private static readonly ApiPermissionAuthorizer Authorizer = new(Directory);
    private static readonly ApiPermission MailRead = ApiPermissions.Resolve(Directory, "Mail.Read", null, out _)!;

    [Fact]
    public void The_property_is_read_and_absent_when_not_exported()
    {
        Assert.True(Directory.FindServicePrincipal(WebApp)!.AppRoleAssignmentRequired);
        Assert.Null(Directory.FindServicePrincipal(PersonalApp)!.AppRoleAssignmentRequired);
    }

    [Fact]
    public void A_user_without_an_assignment_is_not_acted_for_by_the_client()
    {
        var asUser = Authorizer.Authorize(WebApp, MailRead, NotAssigned);
        var user = Authorizer.Authorize(NotAssigned, MailRead);

        Assert.Equal(DecisionKind.ImplicitDeny, asUser.Kind);
        Assert.Contains("Web App requires an app role assignment before users sign in to it (`appRoleAssignmentRequired` true), and no app role assignment to it names notassigned@contoso.com", asUser.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, user.Kind);
        Assert.Contains("grant `grant-web-all` is to Web App, but Web App requires an app role assignment", user.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_whose_assignments_were_not_exported_refuses_no_one()
    {
        // Given the same export without the app role assignments (its appRoleAssignedTo not exported)
        var withoutAssignments = new ApiPermissionAuthorizer(Directory with { AppRoleAssignments = [] });

        // Then no one is refused for lack of one, and the answer says why
        var answer = withoutAssignments.Authorize(WebApp, MailRead, NotAssigned);
        Assert.Equal(DecisionKind.Allowed, answer.Kind);
        Assert.Contains("Web App requires users to be assigned to it, but no app role assignment to it is in the export", answer.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_assigned_directly_or_through_nested_groups_is()
    {
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(WebApp, MailRead, Assigned).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Nested, MailRead).Kind);

        // nested is counted, with Microsoft's caveat that group-based assignment does not cascade to nested groups
        var nested = Authorizer.Authorize(WebApp, MailRead, Nested);
        Assert.Equal(DecisionKind.Allowed, nested.Kind);
        Assert.Contains("nested@contoso.com is assigned to Web App only as a member of a group nested in `Web App Users`", nested.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("nested group", Authorizer.Authorize(WebApp, MailRead, Assigned).Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_user_the_grant_for_every_user_covers_the_assigned_users()
    {
        var decision = Assert.IsType<Conditional>(Authorizer.Authorize(WebApp, MailRead));

        Assert.Contains("any user assigned to Web App (`appRoleAssignmentRequired`) signs in to Web App (grant `grant-web-all`)", decision.Requirements, StringComparer.Ordinal);
    }

    [Fact]
    public void An_export_without_the_property_keeps_the_answer_and_says_so()
    {
        var decision = Authorizer.Authorize(PersonalApp, MailRead, Assigned);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("whether Personal App requires users to be assigned to it (`appRoleAssignmentRequired`) was not exported", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_escalation_graph_reaches_only_the_users_who_may_sign_in_to_it()
    {
        var context = new MicrosoftEdgeContext(Directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

        var reached = new DelegatedPermissionGrantEdgeChecker().Check(context, targets: null).Where(e => e.From.Value == WebApp).Select(e => e.To.Value).ToList();

        Assert.Equal([Assigned, Nested], reached.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
