using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Tells a data action from a control action when the caller does not say. Azure keeps the two in separate
/// lists and the operation name alone does not tell (<c>…/containers/read</c> is control, <c>…/blobs/read</c> is
/// data), so Ward asks the role definitions it read: an action that some <c>dataActions</c> pattern other than a
/// bare <c>*</c> matches is a data action. This is a heuristic; callers that know should say.
/// </summary>
public static class AzureActionClassifier
{
    public static AzureActionKind Infer(AzureEstate estate, string action)
    {
        ArgumentNullException.ThrowIfNull(estate);
        foreach (var definition in estate.RoleDefinitions)
        {
            foreach (var block in definition.Permissions)
            {
                if (block.DataActions.Any(p => p != "*" && ActionPattern.Matches(p, action)))
                {
                    return AzureActionKind.Data;
                }
            }
        }

        return AzureActionKind.Control;
    }
}
