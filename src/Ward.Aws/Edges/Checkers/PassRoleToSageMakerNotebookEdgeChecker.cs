namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sagemaker-001</c>: iam:PassRole to sagemaker.amazonaws.com with sagemaker:CreateNotebookInstance.</summary>
public sealed class PassRoleToSageMakerNotebookEdgeChecker() : PassRoleToServiceEdgeChecker("sagemaker-001", "sagemaker.amazonaws.com", "sagemaker:CreateNotebookInstance");
