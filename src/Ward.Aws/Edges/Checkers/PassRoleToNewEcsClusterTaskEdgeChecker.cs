namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ecs-002</c>: iam:PassRole to ecs-tasks.amazonaws.com with ecs:CreateCluster, ecs:RegisterTaskDefinition, ecs:RunTask.</summary>
public sealed class PassRoleToNewEcsClusterTaskEdgeChecker() : PassRoleToServiceEdgeChecker("ecs-002", "ecs-tasks.amazonaws.com", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask");
