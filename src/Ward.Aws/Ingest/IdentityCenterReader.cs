using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads Ward's composed IAM Identity Center export (<c>identity-center.json</c>, docs/formats/aws.md): the items of
/// <c>aws sso-admin list-instances</c>, each permission set with its policies, the account assignments, and the
/// identity store's users, groups and group memberships, each as the CLI returns it.
/// </summary>
public static class IdentityCenterReader
{
    private static readonly FrozenSet<string> TopLevel = new[]
    {
        "Instances", "DelegatedAdministrators", "PermissionSets", "AccountAssignments", "Users", "Groups", "GroupMemberships",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PermissionSetFields = new[]
    {
        "InstanceArn", "PermissionSet", "AttachedManagedPolicies", "CustomerManagedPolicyReferences", "InlinePolicy", "PermissionsBoundary",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// An object with the <c>Instances</c> of <c>list-instances</c> (empty, or naming an instance ARN or identity
    /// store), or with one of the lists only this export has.
    /// </summary>
    public static bool Recognizes(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (root.TryGetProperty("PermissionSets", out _) || root.TryGetProperty("AccountAssignments", out _) || root.TryGetProperty("GroupMemberships", out _))
        {
            return true;
        }

        return root.TryGetProperty("Instances", out var instances) && instances.ValueKind == JsonValueKind.Array
            && (instances.GetArrayLength() == 0 || instances.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.Object && (i.TryGetProperty("InstanceArn", out _) || i.TryGetProperty("IdentityStoreId", out _))));
    }

    public static AwsIdentityCenter Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        json.CheckFields(root, JsonPath.Root, "the Identity Center export", TopLevel);
        if (!root.TryGetProperty("Instances", out _))
        {
            json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "`Instances` (the output of `aws sso-admin list-instances`) is missing: Identity Center is taken as absent", JsonPath.Root);
        }

        var instances = ReadInstances(root, json);
        var (delegatedExported, delegated) = ReadDelegatedAdministrators(root, json);
        var permissionSets = ReadPermissionSets(root, instances, json);
        var users = ReadUsers(root, json);
        var groups = ReadGroups(root, json);
        var memberships = ReadMemberships(root, instances, users, groups, json);
        var assignments = ReadAssignments(root, permissionSets, users, groups, json);
        return new AwsIdentityCenter
        {
            Instances = instances,
            DelegatedAdministratorsExported = delegatedExported,
            DelegatedAdministrators = delegated,
            PermissionSets = permissionSets,
            Assignments = assignments,
            Users = users,
            Groups = groups,
            Memberships = memberships,
        };
    }

    /// <summary>
    /// Finds the role each assignment materialised as in the authorization details of its account; an account whose
    /// authorization details were given but lack the role is reported (not provisioned, or exported at another time).
    /// </summary>
    public static AwsIdentityCenter LinkRoles(AwsIdentityCenter identityCenter, ImmutableArray<AwsAccount> accounts, DiagnosticBag diagnostics)
    {
        var byAccount = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var byRole = new SortedDictionary<string, ImmutableArray<AccountAssignment>.Builder>(StringComparer.Ordinal);
        var reported = new HashSet<(string Account, string PermissionSet)>();
        foreach (var assignment in identityCenter.Assignments)
        {
            if (identityCenter.PermissionSetByArn(assignment.PermissionSetArn) is not { } permissionSet || !byAccount.TryGetValue(assignment.AccountId, out var account))
            {
                continue;
            }

            var role = account.Roles.Where(r => AwsIdentityCenter.IsRoleOf(r, permissionSet.Name)).OrderBy(r => r.Arn, StringComparer.Ordinal).FirstOrDefault();
            if (role is null)
            {
                if (reported.Add((account.Id, permissionSet.Arn)))
                {
                    diagnostics.Add(IngestDiagnosticCodes.IdentityCenterRoleNotFound, DiagnosticSeverity.Warning, $"permission set `{permissionSet.Name}` is assigned in account `{account.Id}`, but its authorization details have no role `AWSReservedSSO_{permissionSet.Name}_…` under `/aws-reserved/sso.amazonaws.com/` (not provisioned yet, or exported at another time): paths through that assignment are not found", assignment.Location);
                }

                continue;
            }

            if (!byRole.TryGetValue(role.Arn, out var list))
            {
                list = ImmutableArray.CreateBuilder<AccountAssignment>();
                byRole[role.Arn] = list;
            }

            list.Add(assignment);
        }

        return identityCenter with
        {
            AssignmentsByRole = byRole.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutable(), StringComparer.Ordinal),
        };
    }

    private static ImmutableArray<IdentityCenterInstance> ReadInstances(JsonElement root, JsonReading json)
    {
        var instances = ImmutableArray.CreateBuilder<IdentityCenterInstance>();
        foreach (var (item, path) in json.Objects(root, "Instances", JsonPath.Root))
        {
            var arn = json.String(item, "InstanceArn", path, required: true);
            var store = json.String(item, "IdentityStoreId", path, required: true);
            if (arn is null || store is null)
            {
                continue;
            }

            if (!IsInstanceArn(arn))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"`{arn}` is not the ARN of an Identity Center instance (`arn:aws:sso:::instance/ssoins-…`); the instance is skipped", JsonPath.Property(path, "InstanceArn"));
                continue;
            }

            var owner = json.String(item, "OwnerAccountId", path);
            if (owner is not null && !AwsPrincipal.IsAccountId(owner))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"`OwnerAccountId` `{owner}` is not 12 digits; the instance's administering account is unknown", JsonPath.Property(path, "OwnerAccountId"));
                owner = null;
            }
            else if (owner is null)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Warning, "the instance has no `OwnerAccountId` (older CLI output?): the organization's management account is not known to administer it", path);
            }

            if (json.String(item, "Status", path) is { } status && status != "ACTIVE")
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Warning, $"instance `{arn}` has status `{status}`, not `ACTIVE`: it is ignored", JsonPath.Property(path, "Status"));
                continue;
            }

            if (instances.Any(i => i.Arn == arn))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Warning, $"instance `{arn}` is listed twice; the first entry is used", path);
                continue;
            }

            instances.Add(new IdentityCenterInstance(arn, store, owner, json.String(item, "Name", path)));
        }

        return instances.ToImmutable();
    }

    /// <summary>
    /// The items of <c>aws organizations list-delegated-administrators --service-principal sso.amazonaws.com</c>:
    /// left out when the export could not read them.
    /// </summary>
    private static (bool Exported, ImmutableArray<string> Accounts) ReadDelegatedAdministrators(JsonElement root, JsonReading json)
    {
        if (!root.TryGetProperty("DelegatedAdministrators", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (false, []);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "`DelegatedAdministrators` must be the `DelegatedAdministrators` array of `aws organizations list-delegated-administrators`; delegated administration is treated as unknown", "$.DelegatedAdministrators");
            return (false, []);
        }

        var accounts = ImmutableArray.CreateBuilder<string>();
        foreach (var (item, path) in json.Objects(root, "DelegatedAdministrators", JsonPath.Root))
        {
            if (json.String(item, "Id", path, required: true) is not { } id)
            {
                continue;
            }

            if (!AwsPrincipal.IsAccountId(id))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"delegated administrator `{id}` is not a 12-digit account id; skipped", JsonPath.Property(path, "Id"));
                continue;
            }

            accounts.Add(id);
        }

        return (true, accounts.ToImmutable());
    }

    private static ImmutableArray<PermissionSet> ReadPermissionSets(JsonElement root, ImmutableArray<IdentityCenterInstance> instances, JsonReading json)
    {
        var permissionSets = ImmutableArray.CreateBuilder<PermissionSet>();
        foreach (var (item, path) in json.Objects(root, "PermissionSets", JsonPath.Root))
        {
            json.CheckFields(item, path, "a permission set entry", PermissionSetFields);
            var setPath = JsonPath.Property(path, "PermissionSet");
            if (!item.TryGetProperty("PermissionSet", out var described) || described.ValueKind != JsonValueKind.Object)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "permission set skipped: it has no `PermissionSet` object (the output of `aws sso-admin describe-permission-set`)", path);
                continue;
            }

            var arn = json.String(described, "PermissionSetArn", setPath, required: true);
            var name = json.String(described, "Name", setPath, required: true);
            var instanceArn = json.String(item, "InstanceArn", path, required: true);
            if (arn is null || name is null || instanceArn is null)
            {
                continue;
            }

            if (!arn.Contains(":permissionSet/", StringComparison.Ordinal) || !arn.StartsWith("arn:", StringComparison.Ordinal))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"`{arn}` is not the ARN of a permission set; skipped", JsonPath.Property(setPath, "PermissionSetArn"));
                continue;
            }

            if (instances.FirstOrDefault(i => i.Arn == instanceArn) is not { } instance)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"permission set `{name}` belongs to instance `{instanceArn}`, which is not among the `Instances`", JsonPath.Property(path, "InstanceArn"));
            }
            else if (!arn.Contains($":permissionSet/{instance.InstanceId}/", StringComparison.Ordinal))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"permission set `{arn}` is not of instance `{instanceArn}` (its ARN names another instance id); skipped", JsonPath.Property(setPath, "PermissionSetArn"));
                continue;
            }

            if (permissionSets.Any(p => p.Arn == arn))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Warning, $"permission set `{name}` is listed twice; the first entry is used", path);
                continue;
            }

            permissionSets.Add(new PermissionSet
            {
                Arn = arn,
                InstanceArn = instanceArn,
                Name = name,
                ManagedPolicyArns = [.. json.Objects(item, "AttachedManagedPolicies", path).Select(p => json.String(p.Item, "Arn", p.Path, required: true)).OfType<string>()],
                CustomerManagedPolicies = [.. json.Objects(item, "CustomerManagedPolicyReferences", path)
                    .Select(p => json.String(p.Item, "Name", p.Path, required: true) is { } policy ? new CustomerManagedPolicyReference(policy, json.String(p.Item, "Path", p.Path) ?? "/") : null)
                    .OfType<CustomerManagedPolicyReference>()],
                InlinePolicy = ReadInlinePolicy(item, path, json),
                PermissionsBoundary = ReadBoundary(item, path, json),
            });
        }

        return permissionSets.ToImmutable();
    }

    /// <summary>The <c>InlinePolicy</c> string of <c>get-inline-policy-for-permission-set</c>: empty when there is none.</summary>
    private static PolicyDocument? ReadInlinePolicy(JsonElement item, string path, JsonReading json)
    {
        if (!item.TryGetProperty("InlinePolicy", out var inline) || inline.ValueKind == JsonValueKind.Null
            || (inline.ValueKind == JsonValueKind.String && inline.GetString() is { Length: 0 }))
        {
            return null;
        }

        var result = PolicyParser.Parse(inline, PolicyKind.Identity, json.At(JsonPath.Property(path, "InlinePolicy")));
        json.Diagnostics.AddRange(result.Diagnostics);
        return result.Document ?? PolicyDocument.Unreadable("the permission set's inline policy could not be read");
    }

    /// <summary>The <c>PermissionsBoundary</c> of <c>get-permissions-boundary-for-permission-set</c>, described.</summary>
    private static string? ReadBoundary(JsonElement item, string path, JsonReading json)
    {
        if (!item.TryGetProperty("PermissionsBoundary", out var boundary) || boundary.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var boundaryPath = JsonPath.Property(path, "PermissionsBoundary");
        if (boundary.ValueKind == JsonValueKind.Object && json.String(boundary, "ManagedPolicyArn", boundaryPath) is { } arn)
        {
            return arn;
        }

        if (boundary.ValueKind == JsonValueKind.Object && boundary.TryGetProperty("CustomerManagedPolicyReference", out var reference) && reference.ValueKind == JsonValueKind.Object
            && json.String(reference, "Name", JsonPath.Property(boundaryPath, "CustomerManagedPolicyReference"), required: true) is { } name)
        {
            return (json.String(reference, "Path", JsonPath.Property(boundaryPath, "CustomerManagedPolicyReference")) ?? "/") + name;
        }

        json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "`PermissionsBoundary` must be null or the `PermissionsBoundary` object of `get-permissions-boundary-for-permission-set` (with `ManagedPolicyArn` or `CustomerManagedPolicyReference`)", boundaryPath);
        return "(unreadable)";
    }

    private static ImmutableArray<IdentityStoreUser> ReadUsers(JsonElement root, JsonReading json)
    {
        var users = ImmutableArray.CreateBuilder<IdentityStoreUser>();
        foreach (var (item, path) in json.Objects(root, "Users", JsonPath.Root))
        {
            var id = json.String(item, "UserId", path, required: true);
            var store = json.String(item, "IdentityStoreId", path, required: true);
            if (id is not null && store is not null)
            {
                users.Add(new IdentityStoreUser(store, id, json.String(item, "UserName", path) ?? id));
            }
        }

        return users.ToImmutable();
    }

    private static ImmutableArray<IdentityStoreGroup> ReadGroups(JsonElement root, JsonReading json)
    {
        var groups = ImmutableArray.CreateBuilder<IdentityStoreGroup>();
        foreach (var (item, path) in json.Objects(root, "Groups", JsonPath.Root))
        {
            var id = json.String(item, "GroupId", path, required: true);
            var store = json.String(item, "IdentityStoreId", path, required: true);
            if (id is not null && store is not null)
            {
                groups.Add(new IdentityStoreGroup(store, id, json.String(item, "DisplayName", path) ?? id));
            }
        }

        return groups.ToImmutable();
    }

    private static ImmutableArray<GroupMembership> ReadMemberships(JsonElement root, ImmutableArray<IdentityCenterInstance> instances, ImmutableArray<IdentityStoreUser> users, ImmutableArray<IdentityStoreGroup> groups, JsonReading json)
    {
        var memberships = ImmutableArray.CreateBuilder<GroupMembership>();
        foreach (var (item, path) in json.Objects(root, "GroupMemberships", JsonPath.Root))
        {
            var store = json.String(item, "IdentityStoreId", path, required: true);
            var group = json.String(item, "GroupId", path, required: true);
            var memberPath = JsonPath.Property(path, "MemberId");
            if (!item.TryGetProperty("MemberId", out var member) || member.ValueKind != JsonValueKind.Object)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, "membership skipped: `MemberId` must be an object such as `{\"UserId\": \"…\"}`", item.TryGetProperty("MemberId", out _) ? memberPath : path);
                continue;
            }

            var user = json.String(member, "UserId", memberPath, required: true);
            if (store is null || group is null || user is null)
            {
                continue;
            }

            if (!instances.Any(i => i.IdentityStoreId == store))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"membership of identity store `{store}`, which no instance of the export uses", JsonPath.Property(path, "IdentityStoreId"));
            }

            if (!groups.Any(g => g.GroupId == group))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"membership of group `{group}`, which is not among the `Groups`", JsonPath.Property(path, "GroupId"));
            }

            if (!users.Any(u => u.UserId == user))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"membership of user `{user}`, who is not among the `Users`", JsonPath.Property(memberPath, "UserId"));
            }

            memberships.Add(new GroupMembership(store, group, user));
        }

        return memberships.ToImmutable();
    }

    private static ImmutableArray<AccountAssignment> ReadAssignments(JsonElement root, ImmutableArray<PermissionSet> permissionSets, ImmutableArray<IdentityStoreUser> users, ImmutableArray<IdentityStoreGroup> groups, JsonReading json)
    {
        var assignments = ImmutableArray.CreateBuilder<AccountAssignment>();
        foreach (var (item, path) in json.Objects(root, "AccountAssignments", JsonPath.Root))
        {
            var account = json.String(item, "AccountId", path, required: true);
            var permissionSet = json.String(item, "PermissionSetArn", path, required: true);
            var typeText = json.String(item, "PrincipalType", path, required: true);
            var principal = json.String(item, "PrincipalId", path, required: true);
            if (account is null || permissionSet is null || typeText is null || principal is null)
            {
                continue;
            }

            IdentityCenterPrincipalType? type = typeText switch
            {
                "USER" => IdentityCenterPrincipalType.User,
                "GROUP" => IdentityCenterPrincipalType.Group,
                _ => null,
            };
            if (type is null)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"`PrincipalType` `{typeText}` is neither `USER` nor `GROUP`; the assignment is skipped", JsonPath.Property(path, "PrincipalType"));
                continue;
            }

            if (!AwsPrincipal.IsAccountId(account))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterProblem, DiagnosticSeverity.Error, $"`AccountId` `{account}` is not 12 digits; the assignment is skipped", JsonPath.Property(path, "AccountId"));
                continue;
            }

            if (!permissionSets.Any(p => p.Arn == permissionSet))
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"the assignment names permission set `{permissionSet}`, which is not among the `PermissionSets`: its role in account `{account}` cannot be found", JsonPath.Property(path, "PermissionSetArn"));
            }

            var known = type == IdentityCenterPrincipalType.Group ? groups.Any(g => g.GroupId == principal) : users.Any(u => u.UserId == principal);
            if (!known)
            {
                json.Report(IngestDiagnosticCodes.IdentityCenterDanglingReference, DiagnosticSeverity.Warning, $"the assignment names {(type == IdentityCenterPrincipalType.Group ? "group" : "user")} `{principal}`, which is not among the `{(type == IdentityCenterPrincipalType.Group ? "Groups" : "Users")}`", JsonPath.Property(path, "PrincipalId"));
            }

            assignments.Add(new AccountAssignment(account, permissionSet, type.Value, principal) { Location = json.At(path) });
        }

        return assignments.ToImmutable();
    }

    private static bool IsInstanceArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sso" && parts[3].Length == 0 && parts[4].Length == 0
            && parts[5].StartsWith("instance/", StringComparison.Ordinal) && parts[5].Length > "instance/".Length;
    }
}
