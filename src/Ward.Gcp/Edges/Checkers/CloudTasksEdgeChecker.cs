using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-tasks</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and
/// <c>cloudtasks.tasks.create</c> on a queue of the account's project (Google requires the account to be in the
/// queue's project, and the caller to hold <c>actAs</c> on it), the principal adds an HTTP task whose
/// <c>oauthToken</c> names the account: Cloud Tasks sends an OAuth access token of the account to the URL the principal
/// chose, a Google API or its own endpoint. The task needs a queue: with <c>cloudtasks.queues.create</c> the principal
/// makes one (certain), adding the task itself or, with <c>cloudtasks.queues.setIamPolicy</c>, after granting itself
/// Enqueuer on it; without it, the same on an existing queue is conditional on one existing, as Ward does not read
/// queues. Permissions checked on a queue are decided on the project, whose allow policy the queue inherits.
/// </summary>
public sealed class CloudTasksEdgeChecker : ActAsServiceEdgeChecker
{
    private const string NeedsQueue = "a Cloud Tasks queue exists in `{0}` (the export lists none)";

    public override string TechniqueId => "gcp-cloud-tasks";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["cloudtasks.queues.create", "cloudtasks.tasks.create"]),
        new(["cloudtasks.queues.create", "cloudtasks.queues.setIamPolicy"]),
        new(["cloudtasks.tasks.create"], NeedsQueue),
        new(["cloudtasks.queues.setIamPolicy"], NeedsQueue),
    ];

    protected override string Does(string account, string project) =>
        $"adds an HTTP task to a Cloud Tasks queue in `{project}` that sends an OAuth token of {account} to a URL of its choosing";
}
