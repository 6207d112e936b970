namespace Ward.Aws.Edges.Checkers;

/// <summary><c>sagemaker-005</c>: sagemaker:CreateNotebookInstanceLifecycleConfig, sagemaker:StopNotebookInstance, sagemaker:UpdateNotebookInstance, sagemaker:StartNotebookInstance on an existing SageMaker notebook instance.</summary>
public sealed class SageMakerLifecycleConfigEdgeChecker() : ExistingServiceRoleEdgeChecker("sagemaker-005", "sagemaker.amazonaws.com", "SageMaker notebook instance", needsInstanceProfile: false, "sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance");
