namespace Ward.Aws.Edges.Checkers;

/// <summary><c>glue-002</c>: glue:UpdateDevEndpoint on an existing Glue development endpoint.</summary>
public sealed class GlueUpdateDevEndpointEdgeChecker() : ExistingServiceRoleEdgeChecker("glue-002", "glue.amazonaws.com", "Glue development endpoint", needsInstanceProfile: false, "glue:UpdateDevEndpoint");
