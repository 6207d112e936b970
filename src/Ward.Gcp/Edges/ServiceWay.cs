using System.Collections.Immutable;

namespace Ward.Gcp.Edges;

/// <summary>
/// One way of running code as a service account through a Google Cloud service: the permissions it needs in the
/// account's project, what must exist for it that the export does not show, and whether it needs
/// <c>iam.serviceAccounts.actAs</c> on the account.
/// </summary>
/// <param name="Permissions">The permissions, each decided on the account's project.</param>
/// <param name="Needs">
/// What must exist, with <c>{0}</c> for the project and <c>{1}</c> for the account's email; null: nothing, the way is
/// certain. For a way through an existing instance, said only when the export does not decide it.
/// </param>
/// <param name="NeedsActAs">
/// False for a way that uses a resource already running as the account (a job on its cluster): anyone with the
/// permissions takes it, whatever it may act as.
/// </param>
/// <param name="Instance">
/// For a way through an existing Compute Engine instance: which instances it can use. Where the export lists them, the
/// edge goes through one (its permissions decided on it) or there is none; the way must need <c>actAs</c>.
/// </param>
public sealed record ServiceWay(ImmutableArray<string> Permissions, string? Needs = null, bool NeedsActAs = true, InstanceUse Instance = InstanceUse.None);
