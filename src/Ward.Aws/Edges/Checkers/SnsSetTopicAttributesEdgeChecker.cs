namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-sns-set-topic-attributes</c>: sns:SetTopicAttributes (the Policy attribute) or sns:AddPermission rewrites the topic policy to let oneself read or write the resource's data.</summary>
public sealed class SnsSetTopicAttributesEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-sns-set-topic-attributes", "AWS::SNS::Topic", "topic policy", "sns:SetTopicAttributes", "sns:AddPermission");
