using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Diagnostics;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Ingest;

/// <summary>
/// Loads an AWS estate from files and folders. Files are recognised by content; what cannot be read is listed with
/// a diagnostic and the rest is still loaded. Several files per account (CLI pages) are merged; several accounts
/// and one organization may be given together.
/// </summary>
public static class AwsEstateLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowTrailingCommas = false };

    public static AwsEstate Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag();
        var inputs = new List<InputFile>();
        var exports = new List<GaadExport>();
        var resources = new List<AwsResourcePolicy>();
        AwsOrganization? organization = null;

        foreach (var file in ExpandPaths(paths, diagnostics, inputs))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadFile(file, diagnostics, inputs, exports, resources, ref organization);
        }

        return Build(exports, organization, inputs, diagnostics, resources);
    }

    private static IEnumerable<string> ExpandPaths(IEnumerable<string> paths, DiagnosticBag diagnostics, List<InputFile> inputs)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(file);
                    if (name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return file;
                    }
                    else if (IsCredentialReport(file))
                    {
                        inputs.Add(new InputFile(file, InputKind.CredentialReport, "IAM credential report; not needed to decide access"));
                    }
                    else
                    {
                        inputs.Add(new InputFile(file, InputKind.Unrecognized, "not a JSON file; not read"));
                    }
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                diagnostics.Add(IngestDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"`{path}` does not exist", new SourceLocation(path));
                inputs.Add(new InputFile(path, InputKind.Unreadable, "does not exist"));
            }
        }
    }

    private static bool IsCredentialReport(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            return reader.ReadLine()?.StartsWith("user,arn,user_creation_time", StringComparison.Ordinal) ?? false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void ReadFile(string file, DiagnosticBag diagnostics, List<InputFile> inputs, List<GaadExport> exports, List<AwsResourcePolicy> resources, ref AwsOrganization? organization)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(IngestDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {exception.Message}", new SourceLocation(file));
            inputs.Add(new InputFile(file, InputKind.Unreadable, exception.Message));
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } l ? (int?)checked((int)l + 1) : null;
            var column = exception.BytePositionInLine is { } c ? (int?)checked((int)c + 1) : null;
            diagnostics.Add(IngestDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}); the file was skipped", new SourceLocation(file, exception.Path, line, column));
            inputs.Add(new InputFile(file, InputKind.Unreadable, "invalid JSON"));
            return;
        }

        var fileDiagnostics = new DiagnosticBag();
        using (document)
        {
            ReadDocument(file, document.RootElement, fileDiagnostics, inputs, exports, resources, ref organization);
        }

        // Lines are looked up only for files that have diagnostics: one extra pass over those files alone.
        diagnostics.AddRange(fileDiagnostics.Count == 0 ? [] : JsonLineLocator.WithLines(fileDiagnostics.ToSortedArray(), bytes));
    }

    private static void ReadDocument(string file, JsonElement root, DiagnosticBag diagnostics, List<InputFile> inputs, List<GaadExport> exports, List<AwsResourcePolicy> resources, ref AwsOrganization? organization)
    {
        {
            if (OrganizationReader.Recognizes(root))
            {
                var read = OrganizationReader.Read(root, file, diagnostics);
                if (read is not null && organization is not null)
                {
                    diagnostics.Add(IngestDiagnosticCodes.OrganizationProblem, DiagnosticSeverity.Error, $"a second organization export (`{read.Id}`) was given; only the first (`{organization.Id}`) is used", new SourceLocation(file, JsonPath.Root));
                    inputs.Add(new InputFile(file, InputKind.Unrecognized, "second organization export; ignored"));
                    return;
                }

                organization = read;
                inputs.Add(new InputFile(file, read is null ? InputKind.Unreadable : InputKind.Organization, read is null ? "organization export could not be used" : $"organization {read.Id}: {read.Accounts.Length} accounts, {read.Policies.Length} SCPs/RCPs"));
            }
            else if (GaadReader.Recognizes(root) && !OrganizationReader.Recognizes(root))
            {
                var export = GaadReader.Read(root, file, diagnostics);
                exports.Add(export);
                inputs.Add(new InputFile(file, InputKind.AuthorizationDetails, $"account {export.Account ?? "unknown"}: {export.Users.Length} users, {export.Groups.Length} groups, {export.Roles.Length} roles, {export.Policies.Length} managed policies"));
            }
            else if (ResourcePolicyReader.Recognizes(root))
            {
                var read = ResourcePolicyReader.Read(root, file, diagnostics);
                resources.AddRange(read);
                inputs.Add(new InputFile(file, InputKind.ResourcePolicies, $"{read.Length} resource policies"));
            }
            else
            {
                diagnostics.Add(IngestDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "not an export Ward recognises (expected `get-account-authorization-details` output, an organization export or a resource-policies file); skipped", new SourceLocation(file, JsonPath.Root));
                inputs.Add(new InputFile(file, InputKind.Unrecognized, "content not recognised"));
            }
        }
    }

    /// <summary>Merges per-file exports into accounts and assembles each principal's policies once.</summary>
    internal static AwsEstate Build(List<GaadExport> exports, AwsOrganization? organization, List<InputFile> inputs, DiagnosticBag diagnostics, List<AwsResourcePolicy>? resources = null)
    {
        // Group attachments are resolved once per member: report each missing policy once per holder.
        var reported = new HashSet<(string Holder, string Arn)>();
        var managed = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var accounts = new SortedDictionary<string, (List<IamUser> Users, List<IamGroup> Groups, List<IamRole> Roles, List<ManagedPolicy> Policies, SortedSet<string> Sources)>(StringComparer.Ordinal);

        foreach (var export in exports)
        {
            if (export.Account is null)
            {
                if (export.Users.Length + export.Groups.Length + export.Roles.Length > 0 || export.Policies.Any(p => !p.IsAwsManaged))
                {
                    diagnostics.Add(IngestDiagnosticCodes.UnknownAccount, DiagnosticSeverity.Error, "cannot tell which account this export belongs to", new SourceLocation(export.File, JsonPath.Root));
                }
            }

            foreach (var policy in export.Policies)
            {
                if (!managed.TryAdd(policy.Arn, policy) && !policy.IsAwsManaged)
                {
                    Duplicate(policy.Arn, export, locations, diagnostics);
                }
            }

            foreach (var (arn, location) in export.Locations)
            {
                locations.TryAdd(arn, location);
            }

            foreach (var user in export.Users)
            {
                Entry(accounts, user.Account, export.File).Users.Add(user);
            }

            foreach (var group in export.Groups)
            {
                Entry(accounts, group.Account, export.File).Groups.Add(group);
            }

            foreach (var role in export.Roles)
            {
                Entry(accounts, role.Account, export.File).Roles.Add(role);
            }

            foreach (var policy in export.Policies.Where(p => !p.IsAwsManaged))
            {
                var account = policy.Arn.Split(':').ElementAtOrDefault(4);
                if (account is { Length: 12 })
                {
                    Entry(accounts, account, export.File).Policies.Add(policy);
                }
            }
        }

        foreach (var truncated in exports.Where(e => e.Account is not null).GroupBy(e => e.Account!, StringComparer.Ordinal).Where(g => g.All(e => e.IsTruncated)))
        {
            diagnostics.Add(IngestDiagnosticCodes.TruncatedExport, DiagnosticSeverity.Warning, $"every export of account `{truncated.Key}` says `IsTruncated: true`: the last page is missing, so principals and policies may be missing (let the AWS CLI paginate, or give every page)", new SourceLocation(truncated.First().File, "$.IsTruncated"));
        }

        var built = ImmutableArray.CreateBuilder<AwsAccount>();
        var identity = new Dictionary<string, ImmutableArray<NamedPolicy>>(StringComparer.Ordinal);
        var boundaries = new Dictionary<string, NamedPolicy?>(StringComparer.Ordinal);
        foreach (var (accountId, entry) in accounts)
        {
            var account = new AwsAccount
            {
                Id = accountId,
                Users = Distinct(entry.Users, u => u.Arn, diagnostics, locations),
                Groups = Distinct(entry.Groups, g => g.Arn, diagnostics, locations),
                Roles = Distinct(entry.Roles, r => r.Arn, diagnostics, locations),
                Policies = [.. entry.Policies.DistinctBy(p => p.Arn, StringComparer.Ordinal)],
                Sources = [.. entry.Sources],
            };
            built.Add(account);

            var groupsByName = account.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
            foreach (var user in account.Users)
            {
                var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
                policies.AddRange(user.InlinePolicies.Select(p => new NamedPolicy($"{user.Name} inline policy {p.Name}", p.Document)));
                policies.AddRange(user.AttachedPolicies.Select(a => Managed(a.PolicyArn, user.Arn, managed, locations, diagnostics, reported)));
                foreach (var groupName in user.Groups)
                {
                    if (!groupsByName.TryGetValue(groupName, out var group))
                    {
                        diagnostics.Add(IngestDiagnosticCodes.MissingGroup, DiagnosticSeverity.Error, $"user `{user.Name}` is in group `{groupName}`, which is not in the export; that group's policies are unknown, so the user's decisions are indeterminate where they could matter", locations.GetValueOrDefault(user.Arn, SourceLocation.None));
                        policies.Add(new NamedPolicy($"group {groupName} (missing from the export)", PolicyDocument.Unreadable($"group `{groupName}` is missing from the export")));
                        continue;
                    }

                    policies.AddRange(group.InlinePolicies.Select(p => new NamedPolicy($"group {group.Name} inline policy {p.Name}", p.Document)));
                    policies.AddRange(group.Problems.Select(problem => new NamedPolicy($"unreadable part of group {group.Name}", PolicyDocument.Unreadable(problem))));
                    policies.AddRange(group.AttachedPolicies.Select(a => Managed(a.PolicyArn, group.Arn, managed, locations, diagnostics, reported) with { Name = $"{a.PolicyArn} (via group {group.Name})" }));
                }

                policies.AddRange(user.Problems.Select(problem => new NamedPolicy($"unreadable part of {user.Name}", PolicyDocument.Unreadable(problem))));
                identity[user.Arn] = policies.ToImmutable();
                boundaries[user.Arn] = user.PermissionsBoundaryArn is { } boundary ? Managed(boundary, user.Arn, managed, locations, diagnostics, reported) : null;
            }

            foreach (var role in account.Roles)
            {
                var policies = ImmutableArray.CreateBuilder<NamedPolicy>();
                policies.AddRange(role.InlinePolicies.Select(p => new NamedPolicy($"{role.Name} inline policy {p.Name}", p.Document)));
                policies.AddRange(role.AttachedPolicies.Select(a => Managed(a.PolicyArn, role.Arn, managed, locations, diagnostics, reported)));
                policies.AddRange(role.Problems.Select(problem => new NamedPolicy($"unreadable part of {role.Name}", PolicyDocument.Unreadable(problem))));
                identity[role.Arn] = policies.ToImmutable();
                boundaries[role.Arn] = role.PermissionsBoundaryArn is { } boundary ? Managed(boundary, role.Arn, managed, locations, diagnostics, reported) : null;
            }
        }

        var resourcePolicies = new Dictionary<string, AwsResourcePolicy>(StringComparer.Ordinal);
        foreach (var resource in resources ?? [])
        {
            if (!resourcePolicies.TryAdd(resource.Arn, resource))
            {
                diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"resource `{resource.Arn}` has more than one policy in the inputs; the first is used", resource.Location);
            }
        }

        if (built.Count == 0 && organization is null && resourcePolicies.Count == 0)
        {
            diagnostics.Add(IngestDiagnosticCodes.NothingUsable, DiagnosticSeverity.Error, "no usable AWS export was found in the inputs", SourceLocation.None);
        }

        return new AwsEstate(built.ToImmutable(), organization, [.. inputs], diagnostics.ToSortedArray(), identity.ToFrozenDictionary(StringComparer.Ordinal), boundaries.ToFrozenDictionary(StringComparer.Ordinal), managed.ToFrozenDictionary(StringComparer.Ordinal))
        {
            ResourcePolicies = resourcePolicies.ToFrozenDictionary(StringComparer.Ordinal),
            HasResourcePolicyExport = resources is not null && inputs.Exists(i => i.Kind == InputKind.ResourcePolicies),
        };
    }

    private static (List<IamUser> Users, List<IamGroup> Groups, List<IamRole> Roles, List<ManagedPolicy> Policies, SortedSet<string> Sources) Entry(
        SortedDictionary<string, (List<IamUser>, List<IamGroup>, List<IamRole>, List<ManagedPolicy>, SortedSet<string>)> accounts, string account, string file)
    {
        if (!accounts.TryGetValue(account, out var entry))
        {
            entry = ([], [], [], [], new SortedSet<string>(StringComparer.Ordinal));
            accounts[account] = entry;
        }

        entry.Item5.Add(file);
        return entry;
    }

    private static ImmutableArray<T> Distinct<T>(List<T> items, Func<T, string> key, DiagnosticBag diagnostics, Dictionary<string, SourceLocation> locations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<T>();
        foreach (var item in items)
        {
            if (seen.Add(key(item)))
            {
                builder.Add(item);
            }
            else if (!EqualityComparer<T>.Default.Equals(item, builder.First(b => key(b) == key(item))))
            {
                diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"`{key(item)}` appears more than once in the inputs; the first occurrence is used", locations.GetValueOrDefault(key(item), SourceLocation.None));
            }
        }

        return builder.ToImmutable();
    }

    private static void Duplicate(string arn, GaadExport export, Dictionary<string, SourceLocation> locations, DiagnosticBag diagnostics) =>
        diagnostics.Add(IngestDiagnosticCodes.DuplicateEntity, DiagnosticSeverity.Warning, $"managed policy `{arn}` appears more than once in the inputs; the first occurrence is used", export.Locations.GetValueOrDefault(arn, locations.GetValueOrDefault(arn, new SourceLocation(export.File))));

    private static NamedPolicy Managed(string arn, string holder, Dictionary<string, ManagedPolicy> managed, Dictionary<string, SourceLocation> locations, DiagnosticBag diagnostics, HashSet<(string Holder, string Arn)> reported)
    {
        if (managed.TryGetValue(arn, out var policy) && policy.DefaultDocument is { } document)
        {
            return new NamedPolicy(arn, document);
        }

        if (policy is null && reported.Add((holder, arn)))
        {
            diagnostics.Add(IngestDiagnosticCodes.MissingManagedPolicy, DiagnosticSeverity.Error, $"`{holder}` has managed policy `{arn}` attached, but the policy is not in the export; decisions it could change are indeterminate", locations.GetValueOrDefault(holder, SourceLocation.None));
        }

        return new NamedPolicy(arn, PolicyDocument.Unreadable($"managed policy `{arn}` is not in the export"));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
