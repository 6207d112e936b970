using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-sa-key-create</c>: a principal that may create keys for a service account gets a long-lived credential of
/// it. Creating one and uploading a public key of one's own (<c>keys.upload</c>, the same permission) are two ways, each
/// stopped by its own organization policy constraints (the legacy <c>iam.disableServiceAccountKeyCreation</c> or the
/// managed <c>iam.managed.disableServiceAccountKeyCreation</c>; <c>iam.disableServiceAccountKeyUpload</c> or
/// <c>iam.managed.disableServiceAccountKeyUpload</c>): the edge goes where either way is open or the principal can lift
/// what stops it.
/// </summary>
public sealed class CreateServiceAccountKeyEdgeChecker : ServiceAccountPermissionEdgeChecker
{
    private static readonly ImmutableArray<string> CreationConstraints = ["iam.disableServiceAccountKeyCreation", "iam.managed.disableServiceAccountKeyCreation"];
    private static readonly ImmutableArray<string> UploadConstraints = ["iam.disableServiceAccountKeyUpload", "iam.managed.disableServiceAccountKeyUpload"];

    public override string TechniqueId => "gcp-sa-key-create";

    protected override string Permission => "iam.serviceAccountKeys.create";

    protected override bool IsGated => true;

    protected override string Does(string account) => $"creates a key for {account} and signs in with it";

    protected override Edge? Gate(GcpEdgeContext context, Edge edge, HierarchyNode project)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var created = OrgPolicyGate.Apply(context, edge, project, CreationConstraints);
        if (ReferenceEquals(created, edge))
        {
            return edge;
        }

        // Key creation is stopped, or open only under conditions or by lifting a constraint: uploading a public key of
        // one's own may be open as it stands.
        var upload = edge with { Description = edge.Description.Replace("creates a key for", "uploads a public key of its own for", StringComparison.Ordinal) + " (key creation is disabled by organization policy, key upload is not)" };
        var uploaded = OrgPolicyGate.Apply(context, upload, project, UploadConstraints);
        return ReferenceEquals(uploaded, upload) || created is null || (uploaded is not null && uploaded.Requirements.Length < created.Requirements.Length) ? uploaded : created;
    }
}
