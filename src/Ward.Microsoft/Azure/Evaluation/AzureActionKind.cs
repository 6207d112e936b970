namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>Which half of a role definition an action is decided against.</summary>
public enum AzureActionKind
{
    /// <summary>A control-plane (management) operation: decided against <c>actions</c>/<c>notActions</c>.</summary>
    Control,

    /// <summary>A data-plane operation (blobs, secrets, …): decided against <c>dataActions</c>/<c>notDataActions</c> only.</summary>
    Data,
}
