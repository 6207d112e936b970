namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sagemaker-004</c>: sagemaker:CreatePresignedNotebookInstanceUrl on an existing SageMaker notebook instance.</summary>
public sealed class SageMakerPresignedNotebookUrlEdgeChecker() : ExistingServiceRoleEdgeChecker("sagemaker-004", "sagemaker.amazonaws.com", "SageMaker notebook instance", needsInstanceProfile: false, "sagemaker:CreatePresignedNotebookInstanceUrl");
