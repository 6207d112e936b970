using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// The directory-role authorizer reads PIM eligibilities at its reference time (2026-11-01), on a tenant exported
/// from Microsoft Graph v1.0: rolf is Helpdesk Administrator; tess's eligibility for Global Administrator ended on
/// 2026-01-01, theo's runs until 2027-01-01, tina's starts on 2027-01-01. An eligibility counts only while in force:
/// one that has ended, or has not started, neither protects its holder from a reset nor lets it act.
/// </summary>
public sealed class EligibilityInForceTests
{
    private const string Reset = "microsoft.directory/users/password/update";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

    private const string Rolf = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a11";
    private const string Tess = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a12";
    private const string Theo = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a13";
    private const string Tina = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a14";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<EntraDirectory> Directory = new(Load);

    [Fact]
    public void An_eligibility_that_has_ended_no_longer_protects_its_holder_from_a_password_reset()
    {
        // When rolf, Helpdesk Administrator, resets tess, whose eligibility for Global Administrator ended on 2026-01-01
        var decision = new EntraRoleAuthorizer(Directory.Value, AsOf).Authorize(Rolf, Reset, Tess);

        // Then the reset tiers have nothing to protect her with
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void An_eligibility_in_force_protects_its_holder()
    {
        var decision = new EntraRoleAuthorizer(Directory.Value, AsOf).Authorize(Rolf, Reset, Theo);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("holds `Global Administrator`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligibility_that_has_not_started_is_not_held()
    {
        // tina's eligibility starts on 2027-01-01: she is not an administrator one activation away yet, and holds nothing to activate
        var authorizer = new EntraRoleAuthorizer(Directory.Value, AsOf);

        Assert.Equal(DecisionKind.Allowed, authorizer.Authorize(Rolf, Reset, Tina).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(Tina, Reset, Rolf, activateEligible: true).Kind);

        // And from its start it is
        var later = new EntraRoleAuthorizer(Directory.Value, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(DecisionKind.ImplicitDeny, later.Authorize(Rolf, Reset, Tina).Kind);
        Assert.Equal(DecisionKind.Allowed, later.Authorize(Tina, Reset, Rolf, activateEligible: true).Kind);
    }

    [Fact]
    public void An_ended_eligibility_lets_its_holder_do_nothing_once_activated()
    {
        Assert.Equal(DecisionKind.ImplicitDeny, new EntraRoleAuthorizer(Directory.Value, AsOf).Authorize(Tess, Reset, Rolf, activateEligible: true).Kind);
    }

    [Fact]
    public void The_escalation_edges_read_eligibilities_at_their_reference_time()
    {
        // Given the edges at 2026-11-01: rolf's reset of tess is one, his reset of theo is not
        var context = new MicrosoftEdgeContext(Directory.Value, AzureEstate.Empty, AsOf);
        var resets = new ResetPasswordEdgeChecker().Check(context, targets: null).Where(e => e.From.Value == Rolf).Select(e => e.To.Value).ToList();

        Assert.Contains(Tess, resets, StringComparer.Ordinal);
        Assert.DoesNotContain(Theo, resets, StringComparer.Ordinal);
    }

    private static EntraDirectory Load()
    {
        string[] eligibilities =
        [
            Eligibility(Tess, start: "2025-01-01T00:00:00Z", end: "2026-01-01T00:00:00Z"),
            Eligibility(Theo, start: "2025-01-01T00:00:00Z", end: "2027-01-01T00:00:00Z"),
            Eligibility(Tina, start: "2027-01-01T00:00:00Z", end: null),
        ];
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", User(Rolf, "Rolf Resetter"), User(Tess, "Tess Expired"), User(Theo, "Theo Eligible"), User(Tina, "Tina Future")))),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update")))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Rolf, HelpdeskAdministrator))),
            ("role-eligibility-schedule-instances/page-001.json", Collection("roleManagement/directory/roleEligibilityScheduleInstances", string.Join(",\n", eligibilities))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return directory;
    }

    private static string Eligibility(string principal, string start, string? end) =>
        $$$"""{"id": "{{{GlobalAdministrator}}}_{{{principal}}}", "principalId": "{{{principal}}}", "roleDefinitionId": "{{{GlobalAdministrator}}}", "directoryScopeId": "/", "appScopeId": null, "startDateTime": "{{{start}}}", "endDateTime": {{{(end is null ? "null" : $"\"{end}\"")}}}, "memberType": "Direct", "roleEligibilityScheduleId": "{{{GlobalAdministrator}}}_{{{principal}}}_schedule"}""";
}
