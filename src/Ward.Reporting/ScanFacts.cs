using System.Collections.Immutable;
using System.Globalization;
using Ward.Analysis;
using static System.FormattableString;

namespace Ward.Reporting;

/// <summary>
/// What every report says about a scan besides its findings, computed one way for all formats: the tool version,
/// the reference time, the inputs read and skipped, and the findings counted by severity and by category.
/// </summary>
internal static class ScanFacts
{
    public static string ToolName => "ward";

    public static string ToolVersion { get; } = typeof(ScanFacts).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Every severity, most severe first.</summary>
    public static ImmutableArray<Severity> SeveritiesDescending { get; } = [.. Enum.GetValues<Severity>().OrderDescending()];

    public static string ReferenceTime(ScanResult result) =>
        result.ReferenceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The lower-case name used in every report and on the command line (<c>critical</c> … <c>info</c>).</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        Severity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    /// <summary>AWS users and roles, Entra ID users and service principals, the Google Cloud principals policies name.</summary>
    public static int PrincipalCount(ScanResult result) =>
        result.Estate.Users.Count + result.Estate.Roles.Count + (result.Microsoft is { } microsoft ? microsoft.Users + microsoft.ServicePrincipals : 0) + (result.Gcp?.Principals ?? 0);

    /// <summary>Escalation edges of the AWS, Microsoft and Google Cloud graphs.</summary>
    public static int EdgeCount(ScanResult result) => result.Graph.Graph.Edges.Length + (result.Microsoft?.EscalationEdges ?? 0) + (result.Gcp?.EscalationEdges ?? 0);

    /// <summary>
    /// What was scanned, provider by provider, for headlines: <c>AWS: 2 account(s), 10 users, 12 roles · Entra ID
    /// tenant Northwind: 15 users, 7 groups, 9 service principals · Azure: 3 subscription(s) · 40 escalation edges</c>.
    /// </summary>
    public static string EstateSummary(ScanResult result)
    {
        var parts = new List<string>();
        var estate = result.Estate;
        if (!estate.Accounts.IsEmpty || (result.Microsoft is null && result.Gcp is null))
        {
            parts.Add(Invariant($"AWS: {estate.Accounts.Length} account(s), {estate.Users.Count} users, {estate.Roles.Count} roles"));
        }

        if (result.Microsoft is { HasEntra: true } entra)
        {
            var tenant = entra.TenantName ?? entra.TenantId;
            parts.Add(Invariant($"Entra ID{(tenant is null ? string.Empty : $" tenant {tenant}")}: {entra.Users} users, {entra.Groups} groups, {entra.ServicePrincipals} service principals"));
        }

        if (result.Microsoft is { HasAzure: true } azure)
        {
            parts.Add(Invariant($"Azure: {azure.Subscriptions} subscription(s), {azure.ManagementGroups} management group(s)"));
        }

        if (result.Gcp is { } gcp)
        {
            parts.Add(Invariant($"Google Cloud: {gcp.Organizations} organization(s), {gcp.Folders} folder(s), {gcp.Projects} project(s), {gcp.Principals} principals, {gcp.ServiceAccounts} service accounts")
                + (gcp.Instances > 0 ? Invariant($", {gcp.Instances} VM instances") : string.Empty));
        }

        parts.Add(Invariant($"{EdgeCount(result)} escalation edges"));
        return string.Join(" \u00b7 ", parts);
    }

    public static int CountOf(ScanResult result, Severity severity) => result.Findings.Count(f => f.Severity == severity);

    /// <summary>Categories with their finding counts, largest first, then by name.</summary>
    public static IReadOnlyList<(string Category, int Count)> ByCategory(ScanResult result) =>
        [.. result.Findings.GroupBy(f => f.Category, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(c => c.Item2)
            .ThenBy(c => c.Key, StringComparer.Ordinal)];

    /// <summary>Findings with an escalation path, shortest first, then most severe, then by principal.</summary>
    public static IEnumerable<Finding> ShortestPaths(ScanResult result) =>
        result.Findings.Where(f => !f.Path.IsDefaultOrEmpty)
            .OrderBy(f => f.Path.Length)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Principal, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal);

    /// <summary>Whether a reference may be rendered as a link: an absolute http or https URL, nothing else.</summary>
    public static bool IsWebLink(string reference) =>
        Uri.TryCreate(reference, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>An id with the name people know it by, when there is one: <c>name (id)</c>.</summary>
    public static string Named(string id, string? name) => name is null || string.Equals(name, id, StringComparison.OrdinalIgnoreCase) ? id : $"{name} ({id})";

    /// <summary>
    /// A finding's principal with the names people know it by: <c>name (id)</c>, or <c>name (display name, id)</c>
    /// when the display name says more (an Entra ID user named by its user principal name).
    /// </summary>
    public static string Principal(Finding finding) => Named(finding.Principal, finding.PrincipalName, finding.PrincipalDisplayName);

    /// <summary>An id with its name and display name, as <see cref="Principal(Finding)"/> writes them.</summary>
    public static string Named(string id, string? name, string? displayName) => displayName is null || string.Equals(displayName, id, StringComparison.OrdinalIgnoreCase) ? Named(id, name)
        : name is null ? $"{displayName} ({id})"
        : $"{name} ({displayName}, {id})";

    /// <summary>The target of a finding's path: the last step's <c>to</c>, or empty.</summary>
    public static string Target(Finding finding) => finding.Path.IsDefaultOrEmpty ? string.Empty : finding.Path[^1].To;
}
