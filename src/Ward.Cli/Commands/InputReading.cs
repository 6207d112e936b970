using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;

namespace Ward.Cli.Commands;

/// <summary>
/// Every provider's exports read from the same inputs: AWS first, then what AWS did not recognise as Microsoft Graph
/// (Entra ID), then what remains as Azure RBAC. Each file is read by the first provider that recognises it; a file
/// none recognises is skipped and listed.
/// </summary>
internal sealed record InputReading(LoadedEstates Estates, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<(string Path, string Note)> Skipped)
{
    public static InputReading Read(IEnumerable<string> inputs, CancellationToken cancellationToken)
    {
        var aws = AwsEstateLoader.Load(inputs, cancellationToken);
        // Microsoft exports are JSON: other files AWS did not take (a README, a CSV) are for no one.
        var rest = aws.Inputs.Where(i => i.Kind == InputKind.Unrecognized && i.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Select(i => i.Path).ToList();
        var entra = rest.Count == 0 ? EntraDirectory.Empty : EntraDirectoryLoader.Load(rest, cancellationToken);
        rest = [.. entra.Inputs.Where(i => i.Kind == EntraInputKind.NotRecognised).Select(i => i.Path)];
        var azure = rest.Count == 0 ? AzureEstate.Empty : AzureEstateLoader.Load(rest, cancellationToken);
        var estates = new LoadedEstates(aws, entra, azure);

        // Each loader says "not mine" of the files the next one reads, and "nothing usable" when another provider
        // had everything: only the verdicts that still hold are kept.
        var unrecognised = azure.Inputs.Where(i => i.Kind == AzureInputKind.Unrecognized).Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var diagnostics = aws.Diagnostics
            .Where(d => d.Code != IngestDiagnosticCodes.UnrecognizedFile && !(d.Code == IngestDiagnosticCodes.NothingUsable && !estates.IsEmpty))
            .Concat(entra.Diagnostics)
            .Concat(azure.Diagnostics.Where(d => d.Code != AzureDiagnosticCodes.UnrecognizedFile && !(d.Code == AzureDiagnosticCodes.NothingUsable && (estates.HasAws || estates.HasEntra))))
            .ToImmutableArray();
        var skipped = aws.Inputs.Where(i => i.Kind == InputKind.Unreadable || (i.Kind == InputKind.Unrecognized && (unrecognised.Contains(i.Path) || !i.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))))
            .Select(i => (i.Path, unrecognised.Contains(i.Path) ? $"{i.Note} (not an AWS, Entra ID or Azure export Ward reads)" : i.Note))
            .Concat(entra.Inputs.Where(i => i.Kind == EntraInputKind.Unreadable).Select(i => (i.Path, i.Note)))
            .Concat(azure.Inputs.Where(i => i.Kind == AzureInputKind.Unreadable).Select(i => (i.Path, i.Note)))
            .DistinctBy(s => s.Path, StringComparer.Ordinal)
            .ToImmutableArray();
        return new InputReading(estates, diagnostics, skipped);
    }

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

        return parts.Count == 0 ? "nothing usable" : string.Join("; ", parts);
    }
}
