namespace Ward.Analysis.Rules.OverPermissive;

/// <summary><c>resource-exposure</c>: identities that may rewrite the resource policies of any resource.</summary>
public sealed class ResourceExposureRule : UnrestrictedActionsRule
{
    public override RuleMetadata Metadata { get; } = new(
        "resource-exposure",
        "Resource exposure",
        "over-permissive",
        Severity.High,
        "The identity may change who can access any resource of a kind: bucket policies and ACLs, key policies and grants, queue, topic, secret, function, registry and vault policies, snapshot and image sharing, resource shares (permissions-management actions, which Cloudsplaining calls resource exposure). One call can make data public or share it with another account.",
        "Grant permissions-management actions only on the resources a team owns, and guard them with SCPs or RCPs (e.g. deny `s3:PutBucketPolicy` outside the platform role, block public access at the account level).",
        ["aws"],
        ["https://cloudsplaining.readthedocs.io/en/latest/glossary/resource-exposure/", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html"]);

    protected override IReadOnlyList<string> Actions { get; } =
    [
        "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:PutAccessPointPolicy",
        "s3:PutBucketPublicAccessBlock", "s3:PutAccountPublicAccessBlock", "kms:PutKeyPolicy", "kms:CreateGrant",
        "sqs:SetQueueAttributes", "sqs:AddPermission", "sns:SetTopicAttributes", "sns:AddPermission",
        "secretsmanager:PutResourcePolicy", "lambda:AddPermission", "lambda:AddLayerVersionPermission",
        "lambda:CreateFunctionUrlConfig", "ecr:SetRepositoryPolicy", "glacier:SetVaultAccessPolicy",
        "backup:PutBackupVaultAccessPolicy", "elasticfilesystem:PutFileSystemPolicy", "glue:PutResourcePolicy",
        "events:PutPermission", "logs:PutResourcePolicy", "ec2:ModifySnapshotAttribute", "ec2:ModifyImageAttribute",
        "rds:ModifyDBSnapshotAttribute", "rds:ModifyDBClusterSnapshotAttribute", "ram:CreateResourceShare",
        "apigateway:UpdateRestApiPolicy", "es:UpdateDomainConfig", "iam:UpdateAssumeRolePolicy",
    ];
}
