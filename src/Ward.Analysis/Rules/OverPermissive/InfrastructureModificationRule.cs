namespace Ward.Analysis.Rules.OverPermissive;

/// <summary><c>infrastructure-modification</c>: identities that may destroy infrastructure or blind its monitoring on any resource.</summary>
public sealed class InfrastructureModificationRule : UnrestrictedActionsRule
{
    public override RuleMetadata Metadata { get; } = new(
        "infrastructure-modification",
        "Infrastructure modification",
        "over-permissive",
        Severity.Medium,
        "The identity may delete or reconfigure infrastructure on any resource, or switch off what would record it: terminate instances, delete databases, tables, buckets, functions and stacks, schedule key deletion, open security groups, stop CloudTrail, Config and GuardDuty (a high-impact subset of what Cloudsplaining calls infrastructure modification).",
        "Limit destructive actions to the resources a team owns (resource ARNs or tag conditions), require MFA for them, and protect logging and detection services with SCPs (deny cloudtrail:StopLogging, cloudtrail:DeleteTrail, guardduty:DeleteDetector, config:StopConfigurationRecorder).",
        ["aws"],
        ["https://cloudsplaining.readthedocs.io/en/latest/glossary/infrastructure-modification/", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html"]);

    protected override IReadOnlyList<string> Actions { get; } =
    [
        "ec2:TerminateInstances", "ec2:AuthorizeSecurityGroupIngress", "ec2:ModifyInstanceAttribute", "ec2:DeleteVpc",
        "rds:DeleteDBInstance", "rds:DeleteDBCluster", "dynamodb:DeleteTable", "s3:DeleteBucket", "lambda:DeleteFunction",
        "cloudformation:DeleteStack", "kms:ScheduleKeyDeletion", "kms:DisableKey", "backup:DeleteBackupVault",
        "route53:ChangeResourceRecordSets", "logs:DeleteLogGroup", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
        "guardduty:DeleteDetector", "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder",
    ];
}
