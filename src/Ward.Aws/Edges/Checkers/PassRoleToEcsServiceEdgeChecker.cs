namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ecs-003</c>: iam:PassRole to ecs-tasks.amazonaws.com with ecs:RegisterTaskDefinition, ecs:CreateService.</summary>
public sealed class PassRoleToEcsServiceEdgeChecker() : PassRoleToServiceEdgeChecker("ecs-003", "ecs-tasks.amazonaws.com", "ecs:RegisterTaskDefinition", "ecs:CreateService")
{
    protected override string? ExistingResource => "an ECS cluster exists in the account (resources are not in the IAM export)";
}
