using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Pairs project ids with project numbers from what the exports say besides the resource export: an asset or a
/// policy search result named by its project's id (<c>//iam.googleapis.com/projects/ID/serviceAccounts/UID</c>,
/// <c>//bigquery.googleapis.com/projects/ID/datasets/D</c>) whose ancestry (an asset's <c>ancestors</c>, a search
/// result's <c>project</c>) names the project by number; and a Compute Engine default service account
/// (<c>NUMBER-compute@developer.gserviceaccount.com</c>) listed with its <c>projectId</c>.
/// </summary>
internal static class ProjectNumbers
{
    private const string ComputeDefaultSuffix = "-compute@developer.gserviceaccount.com";

    /// <summary>The id and number of the project of a resource named by its project's id, when its ancestry names the project by number.</summary>
    public static ProjectNumber? Pair(string name, ImmutableArray<string> ancestors, SourceLocation location)
    {
        if (IdInName(name) is not { } id)
        {
            return null;
        }

        var project = ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Project);
        return project is not null && NumberOf(project) is { } number ? new ProjectNumber(id, number, location) : null;
    }

    /// <summary>The id and number of a Compute Engine default service account's project, from its email and <c>projectId</c>.</summary>
    public static ProjectNumber? Pair(ServiceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.ProjectId is not { Length: > 0 } id || IsNumber(id) || !account.Email.EndsWith(ComputeDefaultSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var number = account.Email[..^ComputeDefaultSuffix.Length];
        return IsNumber(number) ? new ProjectNumber(id, number, account.Location) : null;
    }

    /// <summary>The project id a full resource name names its project by (the first <c>projects/X</c> after the service, X not a number, <c>-</c> or <c>_</c>); null for a container.</summary>
    public static string? IdInName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith("//", StringComparison.Ordinal) || ResourceNames.ContainerKind(name) is not null)
        {
            return null;
        }

        var segments = ResourceNames.Relative(name).Split('/');
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i] == "projects")
            {
                var project = segments[i + 1];
                return project is "-" or "_" || project.Length == 0 || IsNumber(project) ? null : project;
            }
        }

        return null;
    }

    /// <summary>The number of <c>projects/NUMBER</c>, or null when it names the project by id.</summary>
    public static string? NumberOf(string relativeName) =>
        relativeName.StartsWith("projects/", StringComparison.Ordinal) && relativeName["projects/".Length..] is var rest && IsNumber(rest) ? rest : null;

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
