namespace Ward.Aws.Edges.Checkers;

/// <summary><c>bedrock-001</c>: iam:PassRole to bedrock-agentcore.amazonaws.com with bedrock-agentcore:CreateCodeInterpreter, bedrock-agentcore:StartCodeInterpreterSession, bedrock-agentcore:InvokeCodeInterpreter.</summary>
public sealed class PassRoleToBedrockCodeInterpreterEdgeChecker() : PassRoleToServiceEdgeChecker("bedrock-001", "bedrock-agentcore.amazonaws.com", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter");
