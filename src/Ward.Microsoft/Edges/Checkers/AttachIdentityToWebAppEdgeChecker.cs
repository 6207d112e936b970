using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-web-app-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity
/// Operator) attaches it to a web or function app it may update (<c>Microsoft.Web/sites/write</c>, Website
/// Contributor), rewrites the app's configuration to run its own code there as
/// <see cref="WebAppConfigurationEdgeChecker"/> does (<c>sites/config/write</c>), and asks the app's identity endpoint
/// for the identity's token (<see cref="AttachIdentityEdgeChecker"/>).
/// </summary>
public sealed class AttachIdentityToWebAppEdgeChecker() : AttachIdentityEdgeChecker("azure-web-app-attach-identity", AzureResourceTypes.WebSite)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCode { get; } =
    [
        ("rewrites its configuration (`sites/config/write`) to run its own code there", ["Microsoft.Web/sites/config/write"]),
    ];
}
