using Ward.Core.Diagnostics;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.EntraFixtures;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// PIM eligibility schedules that no exported instance stands for, on the Contoso export (whose one directory
/// eligibility, Megan's, is exported both ways): lee's Global Administrator eligibility and adele's future one are
/// listed as schedules only. Each such schedule is used by its own dates and reported where it is (WARD5032), instead
/// of being dropped because instances exist; the same for a PIM for Groups eligibility schedule.
/// </summary>
public sealed class EligibilityScheduleWithoutInstanceTests
{
    private const string SchedulesFile = "role-eligibility-schedules/page-001.json";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_schedule_without_its_instance_is_used_and_reported_where_it_is()
    {
        // Given lee eligible for Global Administrator in roleEligibilitySchedules only, while the instances list holds Megan's
        var (directory, diagnostics) = Load();

        // Then the eligibility counts: lee activates Global Administrator
        Assert.Contains(directory.RoleEligibilities, e => e.PrincipalId == Lee && e.RoleDefinitionId == GlobalAdministrator);
        var edges = new ActivateEligibleRoleEdgeChecker().Check(new MicrosoftEdgeContext(directory, Ward.Microsoft.Azure.Rbac.AzureEstate.Empty, AsOf), targets: null).ToList();
        Assert.Contains(edges, e => e.From.Value == Lee && e.Description.Contains("Global Administrator", StringComparison.Ordinal));

        // And the loader says which schedule had no instance, by file and JSON path
        var warning = Assert.Single(diagnostics, d => d.Code == EntraDiagnosticCodes.EligibilityScheduleWithoutInstance && d.Message.Contains(Lee, StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.EndsWith(SchedulesFile.Replace('/', Path.DirectorySeparatorChar), warning.Location.File, StringComparison.Ordinal);
        Assert.Equal("$.value[1]", warning.Location.JsonPath);
        Assert.Contains("Global Administrator", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_safe_twins_a_schedule_with_its_instance_and_one_not_yet_in_force()
    {
        var (directory, diagnostics) = Load();
        var edges = new ActivateEligibleRoleEdgeChecker().Check(new MicrosoftEdgeContext(directory, Ward.Microsoft.Azure.Rbac.AzureEstate.Empty, AsOf), targets: null).ToList();

        // Megan's schedule has its instance: counted once, not reported
        Assert.Single(directory.RoleEligibilities, e => e.PrincipalId == Megan);
        Assert.DoesNotContain(diagnostics, d => d.Code == EntraDiagnosticCodes.EligibilityScheduleWithoutInstance && d.Message.Contains(Megan, StringComparison.Ordinal));

        // adele's schedule starts next year: reported as used by its dates, which give no edge today
        Assert.Contains(diagnostics, d => d.Code == EntraDiagnosticCodes.EligibilityScheduleWithoutInstance && d.Message.Contains(Adele, StringComparison.Ordinal));
        Assert.DoesNotContain(edges, e => e.From.Value == Adele);
    }

    [Fact]
    public void A_PIM_for_Groups_schedule_without_its_instance_is_used_and_reported()
    {
        // Given adele eligible for ownership of Tier0 Admins in eligibilitySchedules only, next to lee's exported membership instance
        var (directory, diagnostics) = Load();

        // Then both eligibilities are kept, and the schedule is reported
        Assert.Contains(directory.PrivilegedGroupAssignments, a => a.PrincipalId == Adele && a.GroupId == Tier0Admins);
        Assert.Contains(directory.PrivilegedGroupAssignments, a => a.PrincipalId == Lee && a.GroupId == Tier0Admins);
        var warning = Assert.Single(diagnostics, d => d.Code == EntraDiagnosticCodes.EligibilityScheduleWithoutInstance && d.Message.Contains("PIM for Groups", StringComparison.Ordinal));
        Assert.Equal("$.value[0]", warning.Location.JsonPath);
    }

    private static (Ward.Microsoft.Entra.Directory.EntraDirectory Directory, IReadOnlyList<Diagnostic> Diagnostics) Load()
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Contoso);
        folder.Write(SchedulesFile, $$"""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules",
              "value": [
                {{Schedule("6ee6d4e0-4a5b-4c3d-8e2f-1a0b9c8d7e6f", Megan, PrivilegedRoleAdministrator, "2025-10-01T09:00:00Z", "2026-09-30T09:00:00Z")}},
                {{Schedule("7ff7e5f1-5b6c-4d4e-9f30-2b1cad9e8f70", Lee, GlobalAdministrator, "2026-01-10T09:00:00Z", "2026-12-31T09:00:00Z")}},
                {{Schedule("8008f602-6c7d-4e5f-a041-3c2dbeaf9081", Adele, GlobalAdministrator, "2027-01-10T09:00:00Z", "2027-12-31T09:00:00Z")}}
              ]
            }
            """);
        folder.Write("pim-group-eligibility-schedules/page-001.json", $$"""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/eligibilitySchedules",
              "value": [
                {
                  "id": "{{Tier0Admins}}_owner_2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                  "principalId": "{{Adele}}",
                  "groupId": "{{Tier0Admins}}",
                  "accessId": "owner",
                  "memberType": "Direct",
                  "status": "Provisioned",
                  "createdUsing": "{{Tier0Admins}}_owner_2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                  "createdDateTime": "2026-01-05T10:00:00Z",
                  "modifiedDateTime": null,
                  "scheduleInfo": {"startDateTime": "2026-01-05T10:00:00Z", "recurrence": null, "expiration": {"type": "afterDateTime", "endDateTime": "2027-01-05T10:00:00Z", "duration": null} }
                }
              ]
            }
            """);
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        return (directory, directory.Diagnostics);
    }

    private static string Schedule(string id, string principal, string role, string start, string end) => $$"""
        {
          "id": "{{id}}", "principalId": "{{principal}}", "roleDefinitionId": "{{role}}", "directoryScopeId": "/", "appScopeId": null,
          "createdUsing": "{{id}}", "createdDateTime": "{{start}}", "modifiedDateTime": null, "status": "Provisioned", "memberType": "Direct",
          "scheduleInfo": {"startDateTime": "{{start}}", "recurrence": null, "expiration": {"type": "afterDateTime", "endDateTime": "{{end}}", "duration": null} }
        }
        """;
}
