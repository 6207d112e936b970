namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ssm-001</c>: ssm:StartSession on an existing EC2 instance with an instance profile.</summary>
public sealed class SsmStartSessionEdgeChecker() : ExistingServiceRoleEdgeChecker("ssm-001", "ec2.amazonaws.com", "EC2 instance with an instance profile", needsInstanceProfile: true, "ssm:StartSession")
{
    // Decided on the instance (the grant a document, an ECS task or a managed instance needs is another).
    private static readonly ResourceKind? Instance = ResourceKind.Of("ssm", "instance");

    protected override ResourceKind? KindOf(string action) => Instance;
}
