namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ecs-001</c>: iam:PassRole to ecs-tasks.amazonaws.com with ecs:CreateCluster, ecs:RegisterTaskDefinition, ecs:CreateService.</summary>
public sealed class PassRoleToNewEcsClusterServiceEdgeChecker() : PassRoleToServiceEdgeChecker("ecs-001", "ecs-tasks.amazonaws.com", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService");
