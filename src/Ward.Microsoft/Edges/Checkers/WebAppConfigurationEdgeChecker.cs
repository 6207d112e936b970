namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-web-app-config</c>: rewrites a web or function app's configuration (Website Contributor, Contributor):
/// an app setting such as <c>WEBSITE_RUN_FROM_PACKAGE</c> pointing at one's own package, or the startup command, runs
/// one's code in the app, which then holds the token of the app's managed identity.
/// </summary>
public sealed class WebAppConfigurationEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-web-app-config", "Microsoft.Web/sites", "runs its own code in the web or function app", "Microsoft.Web/sites/config/write");
