using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-function-deployment-storage</c>: a Flex Consumption function app runs the package in its deployment
/// container (<see cref="DeploymentStorage"/>), loaded by every new instance. A principal that can write that
/// container replaces the package, and the app's next instance runs its code with the app's managed identities:
/// with the account's keys (<c>Microsoft.Storage/storageAccounts/listKeys/action</c>: Contributor, Storage Account
/// Contributor, Storage Account Key Operator), unless the account refuses them (<c>allowSharedKeyAccess</c> false),
/// or with the data action <c>blobs/write</c> on the container (Storage Blob Data Contributor and Owner), whose ABAC
/// condition is decided with the container's name. Conditional on the app starting a new instance.
/// </summary>
/// <remarks>
/// Other function apps keep their code and triggers in the storage account of their <c>AzureWebJobsStorage</c> and
/// content-share settings, which are app settings: secrets, left out of the read-only export. Their storage accounts
/// are not linked to them, so <c>listKeys</c> on those accounts gives no edge.
/// </remarks>
public sealed class FunctionDeploymentStorageEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ListKeys = "Microsoft.Storage/storageAccounts/listKeys/action";
    private const string WriteBlob = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write";
    private const string ContainerNameAttribute = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";

    public string TechniqueId => "azure-function-deployment-storage";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var accounts = context.Azure.ResourcesOfType(AzureResourceTypes.StorageAccount).ToLookup(a => a.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var app in context.Azure.ResourcesOfType(AzureResourceTypes.WebSite).Where(a => a.DeploymentStorage is not null))
        {
            var storage = app.DeploymentStorage!;
            var identities = WorkloadIdentityEdgeChecker.AttachedIdentities(context, app).Where(i => targets?.Contains(i.IdentityId) ?? true).ToList();
            if (identities.Count == 0 || accounts[storage.AccountName].FirstOrDefault() is not { } account)
            {
                continue;
            }

            var container = AzureScope.Parse($"{account.Id.Value}/blobServices/default/containers/{storage.ContainerName}");
            var starts = $"function app `{app.Name}` starts a new instance, which loads the replaced package (a Flex Consumption app does when it scales out, and from zero)";
            foreach (var principal in context.AzureAssignees)
            {
                if (Write(context, principal, account, container, storage) is not { } way)
                {
                    continue;
                }

                var by = way.Action == ListKeys ? $"lists the keys of storage account `{account.Name}`" : $"writes blobs in storage account `{account.Name}`";
                foreach (var (identity, how) in identities.Where(i => !string.Equals(i.IdentityId, principal, StringComparison.OrdinalIgnoreCase)))
                {
                    if (way.Step.ToEdge(TechniqueId, principal, identity, $"{by}, replaces the package in container `{storage.ContainerName}` that function app `{app.Name}` runs, and acts as {how}", undecidedIsRequirement: true) is { } edge)
                    {
                        yield return edge with { Requirements = [.. edge.Requirements.Concat(way.Notes).Append(starts)] };
                    }
                }
            }
        }
    }

    /// <summary>
    /// How the principal writes the container: the account's keys first, then the blob data action, each directly or
    /// after a role it assigns itself on the account; the certain way wins; null when neither.
    /// </summary>
    private static Way? Write(MicrosoftEdgeContext context, string principal, AzureResource account, AzureScope container, DeploymentStorage storage)
    {
        var ways = new List<Way>();
        if (account.StorageAccount is not { AllowSharedKeyAccess: false })
        {
            var keys = context.DecideAzure(principal, account.Id, [new AzureRequest { PrincipalId = principal, Action = ListKeys, Scope = account.Id }]);
            if (Allows(keys))
            {
                ways.Add(new Way(ListKeys, keys, account.StorageAccount is null
                    ? [$"storage account `{account.Name}` accepts its keys (allowSharedKeyAccess, true by default, is not in the export)"]
                    : []));
            }
        }

        var request = new AzureRequest { PrincipalId = principal, Action = WriteBlob, Scope = container, ActionKind = AzureActionKind.Data }.WithAttribute(ContainerNameAttribute, storage.ContainerName);
        var blobs = context.DecideAzure(principal, account.Id, [request]);
        if (Allows(blobs))
        {
            ways.Add(new Way(WriteBlob, blobs, []));
        }

        return ways.Find(w => w.Step.IsCertain && w.Notes.IsEmpty) ?? ways.FirstOrDefault();
    }

    /// <summary>Whether every decision of the step allows, for certain, under conditions, or undecided (then a requirement).</summary>
    private static bool Allows(AzureStep step) =>
        step.Decisions.All(d => d.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate)
        && (step.SelfAssignment is null || step.SelfAssignment.Write.Kind is DecisionKind.Allowed or DecisionKind.Conditional);

    private sealed record Way(string Action, AzureStep Step, ImmutableArray<string> Notes);
}
