namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sagemaker-002</c>: iam:PassRole to sagemaker.amazonaws.com with sagemaker:CreateTrainingJob.</summary>
public sealed class PassRoleToSageMakerTrainingJobEdgeChecker() : PassRoleToServiceEdgeChecker("sagemaker-002", "sagemaker.amazonaws.com", "sagemaker:CreateTrainingJob");
