namespace Ward.Gcp.Iam;

/// <summary>
/// What a service account's email tells: whether it is a default account or one of Google's service agents, and the
/// project it belongs to. Shared by the evaluator (principal access boundaries) and the escalation graph.
/// </summary>
public static class ServiceAccountEmails
{
    private const string ComputeDefaultDomain = "-compute@developer.gserviceaccount.com";
    private const string AppEngineDefaultDomain = "@appspot.gserviceaccount.com";
    private const string LegacyCloudBuildDomain = "@cloudbuild.gserviceaccount.com";
    private const string KubernetesWorkloadPool = ".svc.id.goog[";

    /// <summary>The local parts of service agents, followed by a project, organization or folder number (longest first).</summary>
    private static readonly string[] ServiceAgentPrefixes = ["service-org-", "service-folder-", "service-"];

    /// <summary>
    /// What a default service account is (<c>NUMBER-compute@developer.gserviceaccount.com</c>, Compute Engine's;
    /// <c>PROJECT_ID@appspot.gserviceaccount.com</c>, App Engine's), with the project it belongs to as the email names
    /// it (a project number or id); null for other accounts.
    /// </summary>
    public static (string Name, string Project)? DefaultServiceAccount(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.EndsWith(ComputeDefaultDomain, StringComparison.OrdinalIgnoreCase) && email.Length > ComputeDefaultDomain.Length)
        {
            return ("the Compute Engine default service account", "projects/" + email[..^ComputeDefaultDomain.Length]);
        }

        if (email.EndsWith(AppEngineDefaultDomain, StringComparison.OrdinalIgnoreCase) && email.Length > AppEngineDefaultDomain.Length)
        {
            return ("the App Engine default service account", "projects/" + email[..^AppEngineDefaultDomain.Length].ToLowerInvariant());
        }

        return null;
    }

    /// <summary>
    /// Whether a service account is one of Google's service agents, which Google creates, grants roles to and uses for
    /// its services on the customer's behalf; no customer holds its credentials (where a service runs a customer's work
    /// as its agent, a technique gives an edge into it; docs/gcp/escalation.md): the Google APIs
    /// Service Agent <c>NUMBER@cloudservices.gserviceaccount.com</c>, the <c>service-NUMBER@…</c>,
    /// <c>service-org-NUMBER@…</c> and <c>service-folder-NUMBER@…</c> agents of projects, organizations and folders,
    /// the accounts of Google's own <c>gcp-sa-*</c> projects (Cloud SQL's <c>pNUMBER-ID@gcp-sa-cloud-sql…</c>) and
    /// <c>…@system.gserviceaccount.com</c>. Default service accounts and the legacy Cloud Build account are not: the
    /// customer's code runs as them.
    /// </summary>
    public static bool IsGoogleServiceAgent(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        // Spans, not substrings: every edge's target and every finding's principal is asked about.
        var at = email.LastIndexOf('@');
        var local = at > 0 ? email.AsSpan(0, at) : [];
        var domain = email.AsSpan(at + 1);
        if (local.IsEmpty || !domain.EndsWith("gserviceaccount.com", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (domain.Equals("cloudservices.gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
            || domain.Equals("system.gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
            || domain.StartsWith("gcp-sa-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var prefix in ServiceAgentPrefixes)
        {
            if (local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var number = local[prefix.Length..];
                return !number.IsEmpty && !number.ContainsAnyExceptInRange('0', '9');
            }
        }

        return false;
    }

    /// <summary>
    /// The project a service account's identifier names, as an id or a number: a user-managed account's
    /// (<c>NAME@PROJECT_ID.iam.gserviceaccount.com</c>), a default account's, the legacy Cloud Build account's
    /// (<c>NUMBER@cloudbuild.gserviceaccount.com</c>), a Kubernetes service account's (<c>PROJECT_ID.svc.id.goog[NS/NAME]</c>,
    /// the workload identity pool of the project's clusters); null for service agents and other forms.
    /// </summary>
    public static string? ProjectOf(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (IsGoogleServiceAgent(email))
        {
            return null;
        }

        var pool = email.IndexOf(KubernetesWorkloadPool, StringComparison.OrdinalIgnoreCase);
        if (pool > 0)
        {
            return email[..pool].ToLowerInvariant();
        }

        if (email.EndsWith(LegacyCloudBuildDomain, StringComparison.OrdinalIgnoreCase) && email.Length > LegacyCloudBuildDomain.Length)
        {
            return email[..^LegacyCloudBuildDomain.Length];
        }

        return DefaultServiceAccount(email) is { } known ? known.Project["projects/".Length..] : ServiceAccount.ProjectIdOfEmail(email);
    }
}
