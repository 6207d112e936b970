namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-004</c>: iam:PassRole to glue.amazonaws.com with glue:CreateJob, glue:CreateTrigger.</summary>
public sealed class PassRoleToGlueJobTriggerEdgeChecker() : PassRoleToServiceEdgeChecker("glue-004", "glue.amazonaws.com", "glue:CreateJob", "glue:CreateTrigger");
