using System.Globalization;
using Ward.Core.Graph;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// The techniques that put code in the Cloud Storage folder a Cloud Composer environment reads its DAGs from: Airflow
/// parses and runs every DAG file there as the environment's service account, so whoever may add one is the account.
/// One evaluator question per exported environment (its permission, on the DAG folder or the bucket), never per
/// principal; an environment being deleted, or without a known bucket or account, gives none.
/// </summary>
public abstract class ComposerBucketEdgeChecker : IGcpEdgeChecker
{
    /// <summary>The name of the new DAG file the permission is decided on, in the environment's DAG folder (Airflow parses every <c>.py</c> file there).</summary>
    private const string NewDagFile = "new_dag.py";

    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The permission the principal needs.</summary>
    protected abstract string Permission { get; }

    /// <summary>The resource the permission is decided on, for the environment's DAG bucket and folder.</summary>
    protected abstract GcpResource? Resource(GcpEdgeContext context, string bucket, string folder);

    /// <summary>What the holder does, for the edge's description.</summary>
    protected abstract string Does(string environment, string dagPrefix, string account);

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var environment in context.Estate.ComposerEnvironments)
        {
            if (environment.ServiceAccount is not { } email || environment.DagBucket is not { } bucket || environment.DagFolder is not { } folder
                || string.Equals(environment.State, "DELETING", StringComparison.Ordinal))
            {
                continue;
            }

            var account = GcpPrincipals.ServiceAccountId(email);
            if ((targets is not null && !targets.Contains(account)) || Resource(context, bucket, folder) is not { } resource)
            {
                continue;
            }

            var description = Does(environment.Name, environment.DagGcsPrefix!, context.Describe(email));
            var notRunning = environment.State is null or "RUNNING" or "UPDATING" ? null
                : string.Format(CultureInfo.InvariantCulture, "Composer environment `{0}` (now `{1}`) runs its DAGs", environment.Name, environment.State);
            foreach (var holder in context.WhoCan(Permission, resource).Where(h => h.Principal != account))
            {
                if (context.EdgeIf(TechniqueId, holder.Principal, account, description, [new EdgeStep(Permission, resource.RelativeName, holder.Decision)]) is { } edge)
                {
                    yield return notRunning is null ? edge : edge with { Requirements = edge.Requirements.Add(notRunning) };
                }
            }
        }
    }

    /// <summary>The object name of a new DAG file in the folder.</summary>
    protected static string DagObject(string folder) => folder.Length == 0 ? NewDagFile : folder + "/" + NewDagFile;
}
