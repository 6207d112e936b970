namespace Ward.Aws.Edges.Checkers;

/// <summary><c>ward-sqs-set-queue-attributes</c>: sqs:SetQueueAttributes (the Policy attribute) or sqs:AddPermission rewrites the queue policy to let oneself read or write the resource's data.</summary>
public sealed class SqsSetQueueAttributesEdgeChecker() : ResourcePolicyRewriteEdgeChecker("ward-sqs-set-queue-attributes", "AWS::SQS::Queue", "queue policy", "sqs:SetQueueAttributes", "sqs:AddPermission");
