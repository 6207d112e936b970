namespace Ward.Aws.Edges.Checkers;

/// <summary><c>bedrock-002</c>: bedrock-agentcore:StartCodeInterpreterSession, bedrock-agentcore:InvokeCodeInterpreter on an existing Bedrock AgentCore code interpreter.</summary>
public sealed class BedrockCodeInterpreterSessionEdgeChecker() : ExistingServiceRoleEdgeChecker("bedrock-002", "bedrock-agentcore.amazonaws.com", "Bedrock AgentCore code interpreter", needsInstanceProfile: false, "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter");
