using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// The ABAC resource attributes a scope's id names, so that a question asked at a storage account, container or queue
/// decides the conditions that test its name
/// (https://learn.microsoft.com/azure/storage/blobs/storage-auth-abac-attributes): at or below
/// <c>…/providers/Microsoft.Storage/storageAccounts/{account}</c> the account name, at or below
/// <c>…/blobServices/default/containers/{container}</c> the container name, at or below
/// <c>…/queueServices/default/queues/{queue}</c> the queue name. A scope above one of them (the account, for a
/// container name) names none: a condition on it stays conditional.
/// </summary>
public static class ScopeAttributes
{
    public const string StorageAccountName = "@Resource[Microsoft.Storage/storageAccounts:name]";

    public const string ContainerName = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";

    public const string QueueName = "@Resource[Microsoft.Storage/storageAccounts/queueServices/queues:name]";

    /// <summary>The attributes the scope's id names, keyed as written in conditions.</summary>
    public static ImmutableDictionary<string, string> Of(AzureScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var attributes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = scope.Value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 3 < segments.Length; i++)
        {
            if (!Is(segments[i], "providers") || !Is(segments[i + 1], "Microsoft.Storage") || !Is(segments[i + 2], "storageAccounts"))
            {
                continue;
            }

            attributes[StorageAccountName] = segments[i + 3];

            // `{service}/{name}/{children}/{name}` after the account: blobServices/default/containers/x, queueServices/default/queues/y.
            var child = i + 4;
            if (child + 3 < segments.Length)
            {
                if (Is(segments[child], "blobServices") && Is(segments[child + 2], "containers"))
                {
                    attributes[ContainerName] = segments[child + 3];
                }
                else if (Is(segments[child], "queueServices") && Is(segments[child + 2], "queues"))
                {
                    attributes[QueueName] = segments[child + 3];
                }
            }

            break;
        }

        return attributes.ToImmutable();
    }

    /// <summary>The request with the attributes its scope names added, where the request does not already give them.</summary>
    public static AzureRequest Complete(AzureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var completed = request;
        foreach (var (attribute, value) in Of(request.Scope))
        {
            if (!request.Attributes.ContainsKey(attribute))
            {
                completed = completed.WithAttribute(attribute, value);
            }
        }

        return completed;
    }

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
