namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ecs-004</c>: iam:PassRole to ecs-tasks.amazonaws.com with ecs:RegisterTaskDefinition, ecs:RunTask.</summary>
public sealed class PassRoleToEcsRunTaskEdgeChecker() : PassRoleToServiceEdgeChecker("ecs-004", "ecs-tasks.amazonaws.com", "ecs:RegisterTaskDefinition", "ecs:RunTask")
{
    protected override string? ExistingResource => "an ECS cluster exists in the account (resources are not in the IAM export)";
}
