namespace Ward.Analysis.Rules.OverPermissive;

/// <summary><c>data-exfiltration</c>: identities that may read objects, parameters or secrets on any resource.</summary>
public sealed class DataExfiltrationRule : UnrestrictedActionsRule
{
    public override RuleMetadata Metadata { get; } = new(
        "data-exfiltration",
        "Data exfiltration",
        "over-permissive",
        Severity.Medium,
        "The identity may read data from any S3 object, SSM parameter or Secrets Manager secret of its account (the actions Cloudsplaining calls data exfiltration), not only from the resources it needs.",
        "Scope the grant to the buckets, prefixes, parameter paths and secrets the workload uses (`arn:aws:s3:::bucket/prefix/*`, `arn:aws:ssm:region:account:parameter/app/*`).",
        ["aws"],
        ["https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"]);

    protected override IReadOnlyList<string> Actions { get; } =
        ["s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue"];
}
