namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-006</c>: iam:PassRole to glue.amazonaws.com with glue:UpdateJob, glue:CreateTrigger.</summary>
public sealed class PassRoleToUpdatedGlueJobTriggerEdgeChecker() : PassRoleToServiceEdgeChecker("glue-006", "glue.amazonaws.com", "glue:UpdateJob", "glue:CreateTrigger")
{
    protected override string? ExistingResource => "a Glue job exists in the account for the principal to update (resources are not in the IAM export)";
}
