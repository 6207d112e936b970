using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Reads <c>roleManagement/directory</c> (definitions, assignments, PIM schedules and instances) and PIM for Groups instances.</summary>
internal static partial class RoleManagementReader
{
    private static readonly FrozenSet<string> DefinitionFields = Set(
        "id", "displayName", "description", "isBuiltIn", "isEnabled", "templateId", "version", "resourceScopes", "rolePermissions",
        "inheritsPermissionsFrom", "isPrivileged", "allowedPrincipalTypes");

    private static readonly FrozenSet<string> PermissionFields = Set("allowedResourceActions", "condition", "excludedResourceActions");

    // $expand of principal, roleDefinition, directoryScope or appScope adds those objects; they are read from their own collections.
    private static readonly FrozenSet<string> AssignmentFields = Set(
        "id", "principalId", "roleDefinitionId", "directoryScopeId", "appScopeId", "resourceScope", "principalOrganizationId", "condition",
        "startDateTime", "endDateTime", "assignmentType", "memberType", "roleAssignmentOriginId", "roleAssignmentScheduleId", "roleEligibilityScheduleId",
        "createdUsing", "createdDateTime", "modifiedDateTime", "status", "scheduleInfo", "principal", "roleDefinition", "directoryScope", "appScope");

    private static readonly FrozenSet<string> GroupAssignmentFields = Set(
        "id", "principalId", "groupId", "accessId", "memberType", "startDateTime", "endDateTime", "assignmentType", "eligibilityScheduleId",
        "assignmentScheduleId", "principal", "group", "activatedUsing", "scheduleInfo", "status", "createdUsing", "createdDateTime", "modifiedDateTime");

    public static DirectoryRoleDefinition? Definition(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a role definition", DefinitionFields);
        if (json.String(item, "id", path, required: true) is not { } rawId)
        {
            return null;
        }

        var permissions = ImmutableArray.CreateBuilder<RolePermission>();
        foreach (var (permission, permissionPath) in json.Objects(item, "rolePermissions", path))
        {
            json.CheckFields(permission, permissionPath, "a role permission", PermissionFields);
            permissions.Add(new RolePermission
            {
                AllowedResourceActions = json.Strings(permission, "allowedResourceActions", permissionPath),
                Condition = json.String(permission, "condition", permissionPath),
            });
        }

        return new DirectoryRoleDefinition
        {
            // Custom role ids are GUIDs; keep any other id as written rather than drop the role.
            Id = Guid.TryParse(rawId, out var guid) ? guid.ToString("D") : rawId,
            DisplayName = json.String(item, "displayName", path),
            IsBuiltIn = json.Boolean(item, "isBuiltIn", path) ?? false,
            IsEnabled = json.Boolean(item, "isEnabled", path) ?? true,
            TemplateId = json.Id(item, "templateId", path),
            RolePermissions = permissions.ToImmutable(),
            Location = json.At(path),
        };
    }

    public static DirectoryRoleAssignment? Assignment(JsonElement item, string path, GraphJson json, RoleAssignmentSource source)
    {
        json.CheckFields(item, path, KindName(source), AssignmentFields);
        var id = json.String(item, "id", path, required: true);
        var principal = json.Id(item, "principalId", path, required: true);
        var role = json.Id(item, "roleDefinitionId", path, required: true);
        if (id is null || principal is null || role is null)
        {
            return null;
        }

        // Beta's older `resourceScope` means the same as `directoryScopeId`. An assignment names one or the other scope:
        // an app-specific scope is defined and understood by one application only, so it is kept apart and never read
        // as the tenant; `/` is the tenant-wide app scope.
        var appScope = json.String(item, "appScopeId", path);
        var scopeText = json.String(item, "directoryScopeId", path) ?? json.String(item, "resourceScope", path);
        if (scopeText is null && appScope is null)
        {
            json.Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, "`directoryScopeId` is missing; taken as `/` (the whole tenant)", path);
        }

        var scope = appScope is not null && appScope != "/" ? DirectoryScope.App(appScope) : DirectoryScope.Parse(scopeText ?? "/");
        if (scope.Kind == DirectoryScopeKind.Unknown)
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`directoryScopeId` `{scopeText}` is neither `/`, `/administrativeUnits/{{id}}` nor `/{{objectId}}`; kept as written", JsonPath.Property(path, "directoryScopeId"));
        }

        var (start, end) = Window(item, path, json);

        return new DirectoryRoleAssignment
        {
            Id = id,
            PrincipalId = principal,
            RoleDefinitionId = role,
            DirectoryScope = scope,
            AppScopeId = appScope,
            Source = source,
            AssignmentType = json.String(item, "assignmentType", path),
            MemberType = json.String(item, "memberType", path),
            StartDateTime = start,
            EndDateTime = end,
            Location = json.At(path),
        };
    }

    public static PrivilegedGroupAssignment? GroupAssignment(JsonElement item, string path, GraphJson json, AssignmentState state)
    {
        json.CheckFields(item, path, state == AssignmentState.Eligible ? "a PIM for Groups eligibility" : "a PIM for Groups assignment", GroupAssignmentFields);
        var id = json.String(item, "id", path, required: true);
        var principal = json.Id(item, "principalId", path, required: true);
        var group = json.Id(item, "groupId", path, required: true);
        var accessText = json.String(item, "accessId", path, required: true);
        if (id is null || principal is null || group is null || accessText is null)
        {
            return null;
        }

        GroupAccessType access;
        if (accessText.Equals("member", StringComparison.OrdinalIgnoreCase))
        {
            access = GroupAccessType.Member;
        }
        else if (accessText.Equals("owner", StringComparison.OrdinalIgnoreCase))
        {
            access = GroupAccessType.Owner;
        }
        else
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, $"`accessId` `{accessText}` is neither `member` nor `owner`; the entry was skipped", JsonPath.Property(path, "accessId"));
            return null;
        }

        var (start, end) = Window(item, path, json);

        return new PrivilegedGroupAssignment
        {
            Id = id,
            PrincipalId = principal,
            GroupId = group,
            Access = access,
            State = state,
            AssignmentType = json.String(item, "assignmentType", path),
            MemberType = json.String(item, "memberType", path),
            StartDateTime = start,
            EndDateTime = end,
            Location = json.At(path),
        };
    }

    /// <summary>
    /// When an assignment or eligibility is in force: a schedule says it in <c>scheduleInfo</c> (its expiration
    /// <c>noExpiration</c>, <c>afterDateTime</c> with an <c>endDateTime</c>, or <c>afterDuration</c> with an ISO 8601
    /// <c>duration</c> from the start), an instance in its own dates.
    /// </summary>
    private static (DateTimeOffset? Start, DateTimeOffset? End) Window(JsonElement item, string path, GraphJson json)
    {
        if (json.Object(item, "scheduleInfo", path) is not { } schedule)
        {
            return (json.Date(item, "startDateTime", path), json.Date(item, "endDateTime", path));
        }

        var schedulePath = JsonPath.Property(path, "scheduleInfo");
        var start = json.Date(schedule, "startDateTime", schedulePath);
        if (json.Object(schedule, "expiration", schedulePath) is not { } expiration)
        {
            return (start, null);
        }

        var expirationPath = JsonPath.Property(schedulePath, "expiration");
        if (json.Date(expiration, "endDateTime", expirationPath) is { } end)
        {
            return (start, end);
        }

        if (!string.Equals(json.String(expiration, "type", expirationPath), "afterDuration", StringComparison.OrdinalIgnoreCase))
        {
            return (start, null);
        }

        // Graph may give the end only as a duration from the start (`P90D`): read as no end, it would never expire.
        var duration = json.String(expiration, "duration", expirationPath);
        if (duration is not null && start is { } from && After(from, duration) is { } ending)
        {
            return (start, ending);
        }

        json.Report(
            EntraDiagnosticCodes.InvalidValue,
            DiagnosticSeverity.Warning,
            $"the expiration is `afterDuration` but no end can be told ({(duration is null ? "no `duration`" : start is null ? "no `startDateTime`" : $"`duration` `{duration}` is not an ISO 8601 duration")}); read as having no end",
            expirationPath);
        return (start, null);
    }

    /// <summary>
    /// The start plus an ISO 8601 duration (<c>P90D</c>, <c>P6M</c>, <c>P1Y</c>, <c>PT8H</c>), years and months added
    /// on the calendar as PIM counts them (a fixed 30-day month would end six months up to four days early); null when
    /// the text is not such a duration.
    /// </summary>
    private static DateTimeOffset? After(DateTimeOffset start, string text)
    {
        var match = IsoDuration().Match(text);
        if (!match.Success || match.Length == 1 || text.EndsWith('T'))
        {
            return null;
        }

        int Whole(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            var seconds = match.Groups["seconds"].Success ? double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture) : 0;
            return start.AddYears(Whole("years")).AddMonths(Whole("months")).AddDays((7 * Whole("weeks")) + Whole("days"))
                .AddHours(Whole("hours")).AddMinutes(Whole("minutes")).AddSeconds(seconds);
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^P(?:(?<years>\d+)Y)?(?:(?<months>\d+)M)?(?:(?<weeks>\d+)W)?(?:(?<days>\d+)D)?(?:T(?:(?<hours>\d+)H)?(?:(?<minutes>\d+)M)?(?:(?<seconds>\d+(?:\.\d+)?)S)?)?$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDuration();

    private static string KindName(RoleAssignmentSource source) => source switch
    {
        RoleAssignmentSource.RoleAssignment => "a role assignment",
        RoleAssignmentSource.AssignmentScheduleInstance => "a role assignment schedule instance",
        RoleAssignmentSource.EligibilitySchedule => "a role eligibility schedule",
        _ => "a role eligibility schedule instance",
    };

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
