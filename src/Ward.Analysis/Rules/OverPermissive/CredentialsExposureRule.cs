namespace Ward.Analysis.Rules.OverPermissive;

/// <summary><c>credentials-exposure</c>: identities that may mint or read credentials on any resource.</summary>
public sealed class CredentialsExposureRule : UnrestrictedActionsRule
{
    public override RuleMetadata Metadata { get; } = new(
        "credentials-exposure",
        "Credentials exposure",
        "over-permissive",
        Severity.High,
        "The identity may create or read credentials on any resource: access keys and console passwords of any user, service-specific credentials, instance passwords, registry tokens, database credentials (the actions Cloudsplaining calls credentials exposure). Whoever holds such credentials acts as their owner.",
        "Limit credential-minting actions to the caller itself (`arn:aws:iam::account:user/${aws:username}`) or to the resources that need them; remove them from workloads.",
        ["aws"],
        ["https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/"]);

    protected override IReadOnlyList<string> Actions { get; } =
    [
        "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
        "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential", "iam:UploadSSHPublicKey",
        "ec2:GetPasswordData", "redshift:GetClusterCredentials", "rds-db:Connect",
        "sts:GetFederationToken", "cognito-identity:GetCredentialsForIdentity", "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
        "lightsail:GetInstanceAccessDetails", "lightsail:GetRelationalDatabaseMasterUserPassword",
        "gamelift:RequestUploadCredentials", "chime:CreateApiKey",
    ];
}
