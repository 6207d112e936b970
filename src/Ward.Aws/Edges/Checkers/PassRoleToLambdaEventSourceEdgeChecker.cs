namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-002</c>: iam:PassRole to lambda.amazonaws.com with lambda:CreateFunction, lambda:CreateEventSourceMapping.</summary>
public sealed class PassRoleToLambdaEventSourceEdgeChecker() : PassRoleToServiceEdgeChecker("lambda-002", "lambda.amazonaws.com", "lambda:CreateFunction", "lambda:CreateEventSourceMapping");
