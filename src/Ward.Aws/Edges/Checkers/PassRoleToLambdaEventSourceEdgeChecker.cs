namespace Ward.Aws.Edges.Checkers;

/// <summary><c>lambda-002</c>: iam:PassRole to lambda.amazonaws.com with lambda:CreateFunction, lambda:CreateEventSourceMapping.</summary>
public sealed class PassRoleToLambdaEventSourceEdgeChecker() : PassRoleToServiceEdgeChecker("lambda-002", "lambda.amazonaws.com", "lambda:CreateFunction", "lambda:CreateEventSourceMapping")
{
    protected override string? ExistingResource => "a stream or queue exists for the event source mapping to read (a DynamoDB or Kinesis stream, an SQS queue; resources are not in the IAM export)";
}
