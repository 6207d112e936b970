namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-003</c>: iam:PassRole to glue.amazonaws.com with glue:CreateJob, glue:StartJobRun.</summary>
public sealed class PassRoleToGlueJobRunEdgeChecker() : PassRoleToServiceEdgeChecker("glue-003", "glue.amazonaws.com", "glue:CreateJob", "glue:StartJobRun");
