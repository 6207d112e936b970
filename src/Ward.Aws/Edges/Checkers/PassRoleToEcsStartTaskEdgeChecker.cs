namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ecs-005</c>: iam:PassRole to ecs-tasks.amazonaws.com with ecs:RegisterTaskDefinition, ecs:StartTask.</summary>
public sealed class PassRoleToEcsStartTaskEdgeChecker() : PassRoleToServiceEdgeChecker("ecs-005", "ecs-tasks.amazonaws.com", "ecs:RegisterTaskDefinition", "ecs:StartTask")
{
    protected override string? ExistingResource => "an ECS cluster with a registered EC2 container instance exists in the account (ecs:StartTask places the task on one; resources are not in the IAM export)";
}
