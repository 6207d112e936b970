namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-lambda-add-permission</c>: lambda:AddPermission rewrites the function policy to let oneself read or write the resource's data.</summary>
public sealed class LambdaAddPermissionEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-lambda-add-permission", "AWS::Lambda::Function", "function policy", "lambda:AddPermission");
