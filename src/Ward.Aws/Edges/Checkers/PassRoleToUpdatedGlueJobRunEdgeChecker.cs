namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-005</c>: iam:PassRole to glue.amazonaws.com with glue:UpdateJob, glue:StartJobRun.</summary>
public sealed class PassRoleToUpdatedGlueJobRunEdgeChecker() : PassRoleToServiceEdgeChecker("glue-005", "glue.amazonaws.com", "glue:UpdateJob", "glue:StartJobRun")
{
    protected override string? ExistingResource => "a Glue job exists in the account for the principal to update (resources are not in the IAM export)";
}
