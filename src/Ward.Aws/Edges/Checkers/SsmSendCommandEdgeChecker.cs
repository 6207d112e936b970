namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ssm-002</c>: ssm:SendCommand on an existing EC2 instance with an instance profile.</summary>
public sealed class SsmSendCommandEdgeChecker() : ExistingServiceRoleEdgeChecker("ssm-002", "ec2.amazonaws.com", "EC2 instance with an instance profile", needsInstanceProfile: true, "ssm:SendCommand")
{
    // Decided on the instance (the grant a document, an ECS task or a managed instance needs is another).
    private static readonly ResourceKind? Instance = ResourceKind.Of("ssm", "instance");

    protected override ResourceKind? KindOf(string action) => Instance;
}
