namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sagemaker-003</c>: iam:PassRole to sagemaker.amazonaws.com with sagemaker:CreateProcessingJob.</summary>
public sealed class PassRoleToSageMakerProcessingJobEdgeChecker() : PassRoleToServiceEdgeChecker("sagemaker-003", "sagemaker.amazonaws.com", "sagemaker:CreateProcessingJob");
