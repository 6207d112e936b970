using System.Collections.Immutable;
using Ward.Aws.Edges.Checkers;

namespace Ward.Aws.Edges;

/// <summary>Every AWS edge checker, listed explicitly (a test checks that none is left out).</summary>
public static class AwsEdgeCheckers
{
    public static ImmutableArray<IAwsEdgeChecker> All { get; } =
    [
        // Becoming another principal.
        new AssumeRoleEdgeChecker(),
        new CreateAccessKeyEdgeChecker(),
        new ReplaceAccessKeyEdgeChecker(),
        new CreateLoginProfileEdgeChecker(),
        new UpdateLoginProfileEdgeChecker(),
        new UpdateAssumeRolePolicyEdgeChecker(),
        new AddUserToGroupEdgeChecker(),
        new IdentityStoreGroupMembershipEdgeChecker(),
        new IdentityStoreUpdateUserEdgeChecker(),

        // Coming in from outside the exported accounts.
        new OutsiderAssumeRoleEdgeChecker(),
        new FederatedAssumeRoleEdgeChecker(),

        // Acting as another principal in some services only (no path goes through these).
        new ServiceSpecificCredentialEdgeChecker(),

        // Rewriting one's own permissions.
        new CreatePolicyVersionOnOwnPolicyEdgeChecker(),
        new PutOwnRolePolicyEdgeChecker(),
        new PutOwnUserPolicyEdgeChecker(),
        new AttachOwnUserPolicyEdgeChecker(),
        new AttachOwnRolePolicyEdgeChecker(),
        new AttachOwnGroupPolicyEdgeChecker(),
        new PutOwnGroupPolicyEdgeChecker(),
        new DeleteOwnPermissionsBoundaryEdgeChecker(),
        new ReplaceOwnPermissionsBoundaryEdgeChecker(),
        new RewriteOwnPermissionsBoundaryEdgeChecker(),
        new RemoveOwnDenyPolicyEdgeChecker(),
        new UpdateOwnServiceControlPoliciesEdgeChecker(),
        new DetachOwnServiceControlPoliciesEdgeChecker(),
        new IdentityCenterAssignmentEdgeChecker(),

        // Rewriting another principal's permissions, then becoming it.
        new AttachRolePolicyAndAssumeEdgeChecker(),
        new AttachUserPolicyAndCreateKeyEdgeChecker(),
        new CreatePolicyVersionAndAssumeEdgeChecker(),
        new PutRolePolicyAndAssumeEdgeChecker(),
        new PutUserPolicyAndCreateKeyEdgeChecker(),
        new AttachRolePolicyAndUpdateTrustEdgeChecker(),
        new CreatePolicyVersionAndUpdateTrustEdgeChecker(),
        new PutRolePolicyAndUpdateTrustEdgeChecker(),

        // Passing a role to new compute.
        new PassRoleToAppRunnerServiceEdgeChecker(),
        new PassRoleToBedrockCodeInterpreterEdgeChecker(),
        new PassRoleToCloudFormationStackEdgeChecker(),
        new PassRoleToCloudFormationStackSetEdgeChecker(),
        new PassRoleToUpdatedCloudFormationStackSetEdgeChecker(),
        new PassRoleToCodeBuildProjectEdgeChecker(),
        new PassRoleToCodeBuildBatchEdgeChecker(),
        new PassRoleToDataPipelineEdgeChecker(),
        new PassRoleToEc2InstanceEdgeChecker(),
        new PassRoleToEc2SpotInstanceEdgeChecker(),
        new PassRoleToNewEcsClusterServiceEdgeChecker(),
        new PassRoleToNewEcsClusterTaskEdgeChecker(),
        new PassRoleToEcsServiceEdgeChecker(),
        new PassRoleToEcsRunTaskEdgeChecker(),
        new PassRoleToEcsStartTaskEdgeChecker(),
        new PassRoleToGlueDevEndpointEdgeChecker(),
        new PassRoleToGlueJobRunEdgeChecker(),
        new PassRoleToGlueJobTriggerEdgeChecker(),
        new PassRoleToUpdatedGlueJobRunEdgeChecker(),
        new PassRoleToUpdatedGlueJobTriggerEdgeChecker(),
        new PassRoleToLambdaInvokeEdgeChecker(),
        new PassRoleToLambdaEventSourceEdgeChecker(),
        new PassRoleToLambdaAddPermissionEdgeChecker(),
        new PassRoleToSageMakerNotebookEdgeChecker(),
        new PassRoleToSageMakerTrainingJobEdgeChecker(),
        new PassRoleToSageMakerProcessingJobEdgeChecker(),

        // Taking over existing compute that runs as a role.
        new AppRunnerUpdateServiceEdgeChecker(),
        new BedrockCodeInterpreterSessionEdgeChecker(),
        new CloudFormationUpdateStackEdgeChecker(),
        new CloudFormationChangeSetEdgeChecker(),
        new CodeBuildStartBuildEdgeChecker(),
        new CodeBuildStartBuildBatchEdgeChecker(),
        new Ec2InstanceConnectEdgeChecker(),
        new Ec2UserDataEdgeChecker(),
        new Ec2LaunchTemplateEdgeChecker(),
        new GlueUpdateDevEndpointEdgeChecker(),
        new LambdaUpdateCodeEdgeChecker(),
        new LambdaUpdateCodeInvokeEdgeChecker(),
        new LambdaUpdateCodeAddPermissionEdgeChecker(),
        new SageMakerPresignedNotebookUrlEdgeChecker(),
        new SageMakerLifecycleConfigEdgeChecker(),
        new SsmStartSessionEdgeChecker(),
        new SsmSendCommandEdgeChecker(),

        // Reaching a resource named with --target: its data directly, or after rewriting its policy or granting oneself a key.
        new ResourceAccessEdgeChecker(),
        new OutsiderResourceAccessEdgeChecker(),
        new S3PutBucketPolicyEdgeChecker(),
        new KmsPutKeyPolicyEdgeChecker(),
        new KmsCreateGrantEdgeChecker(),
        new SecretsManagerPutResourcePolicyEdgeChecker(),
        new SqsSetQueueAttributesEdgeChecker(),
        new SnsSetTopicAttributesEdgeChecker(),
        new LambdaAddPermissionEdgeChecker(),
        new EcrSetRepositoryPolicyEdgeChecker(),
    ];
}
