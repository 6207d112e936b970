namespace Ward.Aws.Edges.Checkers;

/// <summary><c>datapipeline-001</c>: iam:PassRole to datapipeline.amazonaws.com with datapipeline:CreatePipeline, datapipeline:PutPipelineDefinition, datapipeline:ActivatePipeline.</summary>
public sealed class PassRoleToDataPipelineEdgeChecker() : PassRoleToServiceEdgeChecker("datapipeline-001", "datapipeline.amazonaws.com", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline");
