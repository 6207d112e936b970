namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-001</c>: iam:PassRole to glue.amazonaws.com with glue:CreateDevEndpoint.</summary>
public sealed class PassRoleToGlueDevEndpointEdgeChecker() : PassRoleToServiceEdgeChecker("glue-001", "glue.amazonaws.com", "glue:CreateDevEndpoint");
