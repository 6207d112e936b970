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

    /// <summary>
    /// The domains of Google's service agents: Google's own projects (project ids are unique, so no customer holds
    /// one of these) and the non-IAM domains no customer can create an account in. Every account there is Google's.
    /// From Google's service agent list (https://cloud.google.com/iam/docs/service-agents) and the pages of the services
    /// it names; not every agent is here: one of a domain not listed is taken for a customer project's account.
    /// </summary>
    private static readonly string[] ServiceAgentDomains =
    [
        "cloudservices.gserviceaccount.com",                      // NUMBER@: the Google APIs Service Agent
        "system.gserviceaccount.com",                             // cloud-logs@ and other legacy agents
        "bigquery-encryption.iam.gserviceaccount.com",            // bq-NUMBER@: BigQuery's customer-managed encryption account
        "cloud-filer.iam.gserviceaccount.com",                    // Filestore
        "cloud-ml.google.com.iam.gserviceaccount.com",            // AI Platform
        "cloud-redis.iam.gserviceaccount.com",                    // Memorystore for Redis
        "cloudcomposer-accounts.iam.gserviceaccount.com",         // Cloud Composer
        "compute-system.iam.gserviceaccount.com",                 // Compute Engine
        "container-analysis.iam.gserviceaccount.com",             // Artifact Analysis
        "container-engine-robot.iam.gserviceaccount.com",         // Google Kubernetes Engine
        "containerregistry.iam.gserviceaccount.com",              // Container Registry
        "dataflow-service-producer-prod.iam.gserviceaccount.com", // Dataflow
        "dataproc-accounts.iam.gserviceaccount.com",              // Dataproc
        "cloud-tpu.iam.gserviceaccount.com",                      // Cloud TPU
        "dlp-api.iam.gserviceaccount.com",                        // Sensitive Data Protection
        "firebase-rules.iam.gserviceaccount.com",                 // Firebase Rules
        "gae-api-prod.google.com.iam.gserviceaccount.com",        // App Engine flexible environment
        "gcf-admin-robot.iam.gserviceaccount.com",                // Cloud Run functions (1st gen)
        "gcp-gae-service.iam.gserviceaccount.com",                // App Engine standard environment
        "genomics-api.google.com.iam.gserviceaccount.com",        // Genomics
        "gs-project-accounts.iam.gserviceaccount.com",            // Cloud Storage
        "security-center-api.iam.gserviceaccount.com",            // Security Command Center (service-org-NUMBER@)
        "serverless-robot-prod.iam.gserviceaccount.com",          // Cloud Run
        "service-networking.iam.gserviceaccount.com",             // Service Networking
        "sourcerepo-service-accounts.iam.gserviceaccount.com",    // Cloud Source Repositories
        "storage-transfer-service.iam.gserviceaccount.com",       // Storage Transfer Service (project-NUMBER@)
    ];

    /// <summary>
    /// The projects Google names <c>gcp-sa-SERVICE</c> (<c>service-NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com</c>),
    /// one per service and too many to list; taken as Google's only for the local parts Google gives agents there
    /// (<see cref="IsAgentLocalPart"/>), so a customer's project of such an id would still need an account named so.
    /// </summary>
    private const string GoogleServiceProjectPrefix = "gcp-sa-";

    private const string IamDomainSuffix = ".iam.gserviceaccount.com";

    /// <summary>The local parts of service agents followed by a project, organization or folder number (longest first).</summary>
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
    /// as its agent, a technique gives an edge into it; docs/gcp/escalation.md). Known by its domain, never by its
    /// local part alone: a customer names its accounts freely (<c>service-123@their-project.iam.gserviceaccount.com</c>
    /// is anyone's to create). The agents' domains are <see cref="ServiceAgentDomains"/>, and Google's
    /// <c>gcp-sa-SERVICE</c> projects with an agent's local part (<c>service-NUMBER@</c>, <c>service-org-NUMBER@</c>,
    /// <c>service-folder-NUMBER@</c>, a Cloud SQL instance's <c>pNUMBER-ID@</c>). Default service accounts and the
    /// legacy Cloud Build account are not agents: the customer's code runs as them.
    /// </summary>
    public static bool IsGoogleServiceAgent(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        // Spans, not substrings: every edge's target and every finding's principal is asked about.
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var local = email.AsSpan(0, at);
        var domain = email.AsSpan(at + 1);
        foreach (var agentDomain in ServiceAgentDomains)
        {
            if (domain.Equals(agentDomain, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return domain.StartsWith(GoogleServiceProjectPrefix, StringComparison.OrdinalIgnoreCase)
            && domain.EndsWith(IamDomainSuffix, StringComparison.OrdinalIgnoreCase)
            && domain.Length > GoogleServiceProjectPrefix.Length + IamDomainSuffix.Length
            && IsAgentLocalPart(local);
    }

    /// <summary>
    /// <c>service-NUMBER</c>, <c>service-org-NUMBER</c>, <c>service-folder-NUMBER</c>, a letter, a number and a
    /// dash (<c>pNUMBER-ID</c>, the account of a Cloud SQL instance or a log sink's writer identity), or a word, a dash
    /// and a number (<c>bqcx-NUMBER-ID</c>, <c>connection-NUMBER-ID</c>).
    /// </summary>
    private static bool IsAgentLocalPart(ReadOnlySpan<char> local)
    {
        foreach (var prefix in ServiceAgentPrefixes)
        {
            if (local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var number = local[prefix.Length..];
                return !number.IsEmpty && !number.ContainsAnyExceptInRange('0', '9');
            }
        }

        var dash = local.IndexOf('-');
        if (dash > 1 && char.IsAsciiLetter(local[0]) && !local[1..dash].ContainsAnyExceptInRange('0', '9') && dash < local.Length - 1)
        {
            return true;
        }

        // A word, a dash and a number, maybe more after another dash: BigQuery's Cloud resource connections
        // (bqcx-NUMBER-ID@, connection-NUMBER-ID@gcp-sa-bigquery-condel).
        if (dash <= 0 || local[..dash].ContainsAnyExceptInRange('a', 'z'))
        {
            return false;
        }

        var rest = local[(dash + 1)..];
        var end = rest.IndexOf('-');
        var digits = end < 0 ? rest : rest[..end];
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
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
