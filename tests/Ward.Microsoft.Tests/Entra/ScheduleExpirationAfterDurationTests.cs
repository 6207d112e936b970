using System.Globalization;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.EntraFixtures;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// PIM schedules whose <c>scheduleInfo.expiration</c> is <c>afterDuration</c>: Graph gives the duration (<c>P90D</c>)
/// and may leave <c>endDateTime</c> null. The end is the start plus the duration, not "no end"; when it cannot be
/// told, a warning says where.
/// </summary>
public sealed class ScheduleExpirationAfterDurationTests
{
    private const string SchedulesFile = "role-eligibility-schedules/page-001.json";

    [Fact]
    public void An_eligibility_schedule_ending_after_a_duration_ends_that_long_after_its_start()
    {
        // Given lee eligible for Global Administrator for 90 days from 2026-01-10, with no endDateTime
        var (directory, diagnostics) = Load(
            Schedule("7ff7e5f1-5b6c-4d4e-9f30-2b1cad9e8f70", Lee, GlobalAdministrator, "2026-01-10T09:00:00Z", """{"type": "afterDuration", "endDateTime": null, "duration": "P90D"}"""),
            Schedule("8008f602-6c7d-4e5f-a041-3c2dbeaf9081", Adele, GlobalAdministrator, "2026-01-10T09:00:00Z", """{"type": "noExpiration", "endDateTime": null, "duration": null}"""));

        // Then the eligibility ends on 2026-04-10, while the twin without expiration has no end; nothing is reported
        var lee = Assert.Single(directory.RoleEligibilities, e => e.PrincipalId == Lee);
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 9, 0, 0, TimeSpan.Zero), lee.EndDateTime);
        Assert.Null(Assert.Single(directory.RoleEligibilities, e => e.PrincipalId == Adele).EndDateTime);
        Assert.DoesNotContain(diagnostics, d => d.Code == EntraDiagnosticCodes.InvalidValue);
    }

    [Theory]
    [InlineData("P6M", "2026-07-31T09:00:00Z")]    // six calendar months, not 180 days (2026-07-29)
    [InlineData("P1Y", "2027-01-31T09:00:00Z")]    // one calendar year
    [InlineData("P1M", "2026-02-28T09:00:00Z")]    // January 31 plus a month is the end of February
    [InlineData("PT8H", "2026-01-31T17:00:00Z")]
    [InlineData("P1W", "2026-02-07T09:00:00Z")]
    public void Months_and_years_are_counted_on_the_calendar(string duration, string end)
    {
        // Given lee eligible for Global Administrator from 2026-01-31 for a duration in months, years, hours or weeks
        var (directory, diagnostics) = Load(
            Schedule("7ff7e5f1-5b6c-4d4e-9f30-2b1cad9e8f70", Lee, GlobalAdministrator, "2026-01-31T09:00:00Z", $$"""{"type": "afterDuration", "endDateTime": null, "duration": "{{duration}}"}"""));

        // Then the eligibility ends that long after its start on the calendar
        Assert.Equal(DateTimeOffset.Parse(end, CultureInfo.InvariantCulture), Assert.Single(directory.RoleEligibilities, e => e.PrincipalId == Lee).EndDateTime);
        Assert.DoesNotContain(diagnostics, d => d.Code == EntraDiagnosticCodes.InvalidValue);
    }

    [Fact]
    public void A_PIM_for_Groups_schedule_ending_after_a_duration_ends_that_long_after_its_start()
    {
        // Given adele eligible for ownership of Tier0 Admins for 30 days from 2026-01-05
        var (directory, _) = Load([], groupExpiration: """{"type": "afterDuration", "endDateTime": null, "duration": "P30D"}""");

        // Then the eligibility ends on 2026-02-04
        var adele = Assert.Single(directory.PrivilegedGroupAssignments, a => a is { State: AssignmentState.Eligible, Access: GroupAccessType.Owner } && a.PrincipalId == Adele && a.GroupId == Tier0Admins);
        Assert.Equal(new DateTimeOffset(2026, 2, 4, 10, 0, 0, TimeSpan.Zero), adele.EndDateTime);
    }

    [Fact]
    public void A_duration_that_cannot_be_read_is_reported_with_its_file_and_path()
    {
        // Given lee's schedule ending after a duration that is not ISO 8601
        var (directory, diagnostics) = Load(
            Schedule("7ff7e5f1-5b6c-4d4e-9f30-2b1cad9e8f70", Lee, GlobalAdministrator, "2026-01-10T09:00:00Z", """{"type": "afterDuration", "endDateTime": null, "duration": "90 days"}"""));

        // Then it is read as having no end, and a warning says where
        Assert.Null(Assert.Single(directory.RoleEligibilities, e => e.PrincipalId == Lee).EndDateTime);
        var warning = Assert.Single(diagnostics, d => d.Code == EntraDiagnosticCodes.InvalidValue && d.Message.Contains("afterDuration", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.EndsWith(SchedulesFile.Replace('/', Path.DirectorySeparatorChar), warning.Location.File, StringComparison.Ordinal);
        Assert.Equal("$.value[0].scheduleInfo.expiration", warning.Location.JsonPath);
        Assert.Contains("`duration` `90 days` is not an ISO 8601 duration", warning.Message, StringComparison.Ordinal);
    }

    private static (EntraDirectory Directory, IReadOnlyList<Diagnostic> Diagnostics) Load(params string[] schedules) => Load(schedules, groupExpiration: null);

    private static (EntraDirectory Directory, IReadOnlyList<Diagnostic> Diagnostics) Load(string[] schedules, string? groupExpiration)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Contoso);
        if (schedules.Length > 0)
        {
            folder.Write(SchedulesFile, $$"""
                {
                  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules",
                  "value": [{{string.Join(",", schedules)}}]
                }
                """);
        }

        if (groupExpiration is not null)
        {
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
                      "scheduleInfo": {"startDateTime": "2026-01-05T10:00:00Z", "recurrence": null, "expiration": {{groupExpiration}} }
                    }
                  ]
                }
                """);
        }

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        return (directory, directory.Diagnostics);
    }

    private static string Schedule(string id, string principal, string role, string start, string expiration) => $$"""
        {
          "id": "{{id}}", "principalId": "{{principal}}", "roleDefinitionId": "{{role}}", "directoryScopeId": "/", "appScopeId": null,
          "createdUsing": "{{id}}", "createdDateTime": "{{start}}", "modifiedDateTime": null, "status": "Provisioned", "memberType": "Direct",
          "scheduleInfo": {"startDateTime": "{{start}}", "recurrence": null, "expiration": {{expiration}} }
        }
        """;
}
