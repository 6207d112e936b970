using System.Collections.Immutable;
using Ward.Analysis;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Microsoft;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Entra.Ingest;

namespace Ward.Cli.Commands;

/// <summary>
/// Every provider's exports read from the same inputs: AWS first, then what AWS did not recognise by the Microsoft
/// loader (each file once: Microsoft Graph responses into Entra ID, az CLI and ARM exports into Azure, AzureHound output
/// into both), then what neither recognised by the Google Cloud loader; a file whose first entry is surely Google
/// Cloud's (<see cref="GcpFileClaim"/>) skips the Microsoft loader. A file none recognises is skipped and listed.
/// </summary>
internal sealed record InputReading(LoadedEstates Estates, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<SkippedInput> Skipped, ImmutableArray<ReadInput> Taken)
{
    /// <summary>The record of the inputs the reports give: every file once, with the reader that took it.</summary>
    public ScanInputs ForReports => new(Taken, Skipped, Diagnostics);

    public static InputReading Read(IEnumerable<string> inputs, CancellationToken cancellationToken)
    {
        var aws = AwsEstateLoader.Load(inputs, cancellationToken);
        // Microsoft and Google Cloud exports are JSON: other files AWS did not take (a README, a CSV) are for no one. Files
        // that are not one JSON document may be AzureHound's JSON Lines or a Cloud Asset Inventory export (one asset a line).
        var invalidJson = aws.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.InvalidJson && IsJson(d.Location.File)).Select(d => d.Location.File).ToHashSet(StringComparer.Ordinal);
        var rest = aws.Inputs.Where(i => (i.Kind == InputKind.Unrecognized && IsJson(i.Path)) || invalidJson.Contains(i.Path)).Select(i => i.Path).Distinct(StringComparer.Ordinal).ToList();
        // Files surely of Google Cloud by their first entry go to its reader alone: a Google Cloud folder is thousands
        // of small files, each otherwise parsed by the Microsoft reader too, for nothing.
        var claimed = rest.AsParallel().WithCancellation(cancellationToken).Where(GcpFileClaim.Claims).ToHashSet(StringComparer.Ordinal);
        var forMicrosoft = claimed.Count == 0 ? rest : rest.Where(f => !claimed.Contains(f)).ToList();
        var microsoft = forMicrosoft.Count == 0 ? MicrosoftEstates.Empty : MicrosoftEstateLoader.Load(forMicrosoft, cancellationToken);
        var leftByMicrosoft = microsoft.Inputs
            .Where(i => (i.Kind == MicrosoftInputKind.NotRecognised && IsJson(i.Path)) || (i.Kind == MicrosoftInputKind.Unreadable && invalidJson.Contains(i.Path)))
            .Select(i => i.Path)
            .ToHashSet(StringComparer.Ordinal);
        // In the inputs' order, as the Microsoft reader gave them: the first of two copies of an entry is the one kept.
        var gcpCandidates = rest.Where(f => claimed.Contains(f) || leftByMicrosoft.Contains(f))
            // An empty list is anyone's, but in a tag listing's place it says that a Google Cloud resource has no tags.
            .Concat(aws.Inputs.Select(i => i.Path).Where(GcpEstateLoader.IsTagListing))
            .Distinct(StringComparer.Ordinal).ToList();
        var gcp = gcpCandidates.Count == 0 ? GcpEstate.Empty : GcpEstateLoader.Load(gcpCandidates, cancellationToken);
        var estates = new LoadedEstates(aws, microsoft.Entra, microsoft.Azure, gcp);
        var jsonLines = microsoft.Inputs.Where(i => i.Kind == MicrosoftInputKind.AzureHound && invalidJson.Contains(i.Path)).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        // An empty file stays AWS's invalid JSON: alone it says nothing of which cloud it was meant for.
        var gcpRead = gcp.Inputs.Where(i => i.Kind == GcpInputKind.Read).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var gcpUnreadable = gcp.Inputs.Where(i => i.Kind == GcpInputKind.Unreadable).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);

        // AWS says "not mine" of the files the Microsoft and Google Cloud loaders read: only the verdicts that still hold
        // are kept. Each provider's "nothing usable" is dropped: either another provider had something, or nothing
        // was usable at all and the command says so once, for every provider. A file that is not JSON (or not valid
        // JSON for anyone) is reported once, by AWS.
        var unrecognised = gcp.Inputs.Where(i => i.Kind == GcpInputKind.NotRecognised).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var diagnostics = aws.Diagnostics
            .Where(d => d.Code is not (IngestDiagnosticCodes.UnrecognizedFile or IngestDiagnosticCodes.NothingUsable))
            .Where(d => !(d.Code == IngestDiagnosticCodes.InvalidJson && (jsonLines.Contains(d.Location.File) || gcpRead.Contains(d.Location.File))))
            .Concat(microsoft.Diagnostics.Where(d => d.Code != AzureDiagnosticCodes.NothingUsable
                && !(d.Code == EntraDiagnosticCodes.InvalidJson && invalidJson.Contains(d.Location.File))))
            .Concat(gcp.Diagnostics.Where(d => d.Code is not (GcpDiagnosticCodes.UnrecognizedFile or GcpDiagnosticCodes.NothingUsable)
                && !(d.Code == GcpDiagnosticCodes.InvalidJson && gcpUnreadable.Contains(d.Location.File) && invalidJson.Contains(d.Location.File))))
            .ToImmutableArray();
        var skipped = aws.Inputs.Where(i => (i.Kind == InputKind.Unreadable && !jsonLines.Contains(i.Path) && !gcpRead.Contains(i.Path)) || (i.Kind == InputKind.Unrecognized && (unrecognised.Contains(i.Path) || !IsJson(i.Path))))
            .Select(i => new SkippedInput(i.Path, unrecognised.Contains(i.Path) ? $"{i.Note} (not an AWS, Entra ID, Azure, AzureHound or Google Cloud export Ward reads)" : i.Note))
            .Concat(microsoft.Inputs.Where(i => i.Kind == MicrosoftInputKind.Unreadable && !gcpRead.Contains(i.Path)).Select(i => new SkippedInput(i.Path, i.Note)))
            .Concat(gcp.Inputs.Where(i => i.Kind == GcpInputKind.Unreadable).Select(i => new SkippedInput(i.Path, i.Note)))
            .DistinctBy(s => s.Path, StringComparer.Ordinal)
            .ToImmutableArray();
        // A file one reader took is read, whatever the others said of it; an empty list the Google Cloud reader took as
        // a tag listing is its, any other empty list is no one's in particular.
        var read = ScanInputs.Of(aws).Read
            // An empty file is AWS's invalid JSON, listed as skipped: not also as read.
            .Concat(gcp.Inputs.Where(i => i.Kind is GcpInputKind.Read || (i.Kind is GcpInputKind.Empty && !invalidJson.Contains(i.Path))).Select(i => i.Kind == GcpInputKind.Read ? new ReadInput(i.Path, "gcp", "GoogleCloud", i.Note) : EmptyList(i.Path, i.Note)))
            .Concat(microsoft.Inputs.Where(i => i.Kind is not (MicrosoftInputKind.NotRecognised or MicrosoftInputKind.Unreadable))
                .Select(i => i.Kind == MicrosoftInputKind.Empty ? EmptyList(i.Path, i.Note) : new ReadInput(i.Path, "microsoft", i.Kind.ToString(), i.Note)))
            .DistinctBy(i => i.Path, StringComparer.Ordinal)
            .OrderBy(i => i.Path, StringComparer.Ordinal)
            .ToImmutableArray();
        return new InputReading(estates, diagnostics, skipped, read);
    }

    private static string RbacClusters(GcpEstate gcp)
    {
        var clusters = gcp.KubernetesRoleBindings.Select(b => b.Cluster).Concat(gcp.KubernetesRoles.Select(r => r.Cluster)).Distinct(StringComparer.Ordinal).Count();
        return clusters == 0 ? string.Empty : $", the Kubernetes RBAC of {clusters} cluster{(clusters == 1 ? string.Empty : "s")}";
    }

    // An empty list says nothing of which cloud it was meant for.
    private static ReadInput EmptyList(string path, string note) => new(path, "any", "Empty", note);

    private static bool IsJson(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>One line on what was read, per provider present.</summary>
    public string Summary()
    {
        var parts = new List<string>();
        var aws = Estates.Aws;
        if (Estates.HasAws)
        {
            parts.Add($"AWS: {aws.Accounts.Length} account(s), {aws.Users.Count} users, {aws.Roles.Count} roles{(aws.Organization is { } o ? $", organization {o.Id}" : string.Empty)}");
        }

        if (Estates.HasEntra)
        {
            var entra = Estates.Entra;
            parts.Add($"Entra ID: {entra.Users.Length} users, {entra.Groups.Length} groups, {entra.ServicePrincipals.Length} service principals, {entra.RoleAssignments.Length} directory role assignments");
        }

        if (Estates.HasAzure)
        {
            var azure = Estates.Azure;
            parts.Add($"Azure: {azure.Hierarchy.Subscriptions.Length} subscription(s), {azure.Hierarchy.ManagementGroups.Length} management group(s), {azure.RoleAssignments.Length} role assignments, {azure.RoleDefinitions.Length} role definitions");
        }

        if (Estates.HasGcp)
        {
            var gcp = Estates.Gcp;
            var nodes = gcp.Nodes.CountBy(n => n.Kind).ToDictionary();
            parts.Add($"Google Cloud: {nodes.GetValueOrDefault(HierarchyNodeKind.Organization)} organization(s), {nodes.GetValueOrDefault(HierarchyNodeKind.Folder)} folder(s), {nodes.GetValueOrDefault(HierarchyNodeKind.Project)} project(s), {gcp.Policies.Length} IAM policies, {gcp.Roles.Length} roles, {gcp.ServiceAccounts.Length} service accounts, {gcp.ServiceAccountKeys.Length} keys{(gcp.Groups.IsEmpty ? string.Empty : $", {gcp.Groups.Length} groups, {gcp.GroupMemberships.Length} group memberships")}{(gcp.OrgPolicies.IsEmpty ? string.Empty : $", {gcp.OrgPolicies.Length} organization polic{(gcp.OrgPolicies.Length == 1 ? "y" : "ies")}")}{(gcp.Clusters.IsEmpty ? string.Empty : $", {gcp.Clusters.Length} GKE cluster{(gcp.Clusters.Length == 1 ? string.Empty : "s")}")}{RbacClusters(gcp)}"
                + (gcp.PrincipalAccessBoundariesExported ? $", {gcp.PrincipalAccessBoundaryPolicies.Length} principal access boundary policies, {gcp.PolicyBindings.Length} policy bindings" : string.Empty)
                + (gcp.AuthenticationActivities.IsEmpty && gcp.ServiceAccountInsights.IsEmpty && gcp.PolicyInsights.IsEmpty ? string.Empty : $", {gcp.AuthenticationActivities.Length} authentication activities, {gcp.ServiceAccountInsights.Length + gcp.PolicyInsights.Length} insights")
                + (gcp.ComposerEnvironments.IsEmpty ? string.Empty : $", {gcp.ComposerEnvironments.Length} Composer environment{(gcp.ComposerEnvironments.Length == 1 ? string.Empty : "s")}")
                + (gcp.TagListings.IsEmpty ? string.Empty : $", the tags of {gcp.TagListings.Select(l => l.Resource).Distinct(StringComparer.Ordinal).Count()} resources"));
        }

        return parts.Count == 0 ? "nothing usable" : string.Join("; ", parts);
    }
}
