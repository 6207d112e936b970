using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a Cloud Composer environment from its Cloud Asset Inventory resource data (the Composer API's
/// <c>Environment</c>): <c>name</c>, <c>state</c>, <c>config.dagGcsPrefix</c>, <c>config.nodeConfig.serviceAccount</c>.
/// </summary>
internal static class ComposerEnvironmentReader
{
    private const string ComputeDefaultDomain = "-compute@developer.gserviceaccount.com";

    public static ComposerEnvironment? Read(GcpEntry data, GcpJson json, string assetName, ImmutableArray<string> ancestors)
    {
        var name = json.String(data, "name") ?? ResourceNames.Relative(assetName);
        var config = json.Object(data, "config");
        var prefix = config is { } c ? json.String(c, "dagGcsPrefix") : null;
        if (prefix is null)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"Composer environment `{name}` has no `config.dagGcsPrefix`: where its DAGs are read from is unknown, so no one is found to write them", config?.Path ?? data.Path);
        }

        var node = config is { } n ? json.Object(n, "nodeConfig") : null;
        var account = node is { } a ? json.String(a, "serviceAccount") : null;
        var environment = new ComposerEnvironment
        {
            Name = name,
            State = json.String(data, "state"),
            DagGcsPrefix = prefix,
            Ancestors = ancestors,
            Location = json.At(data.Path),
        };
        if (string.IsNullOrWhiteSpace(account))
        {
            // The Composer API: without a service account, the environment runs as the Compute Engine default service account.
            var project = environment.Project;
            var number = project is not null && project["projects/".Length..].All(char.IsAsciiDigit) ? project["projects/".Length..] : null;
            if (number is null)
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"Composer environment `{name}` names no `config.nodeConfig.serviceAccount`, so it runs as its project's Compute Engine default service account, whose project number the export does not give (no ancestry); no one is found to run code as it", data.Path);
            }

            account = number is null ? null : number + ComputeDefaultDomain;
        }

        return environment with { ServiceAccount = account };
    }
}
