using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace Ward.Aws.Edges;

/// <summary>
/// The escalation techniques Ward checks: the pathfinding.cloud catalogue (embedded, Apache-2.0) plus Ward's own
/// (ids prefixed <c>ward-</c>). Every edge checker names one of these ids.
/// </summary>
public static class AwsTechniqueCatalog
{
    private static readonly Lazy<FrozenDictionary<string, AwsTechnique>> Techniques = new(Load);

    public static FrozenDictionary<string, AwsTechnique> All => Techniques.Value;

    public static AwsTechnique Get(string id) =>
        All.TryGetValue(id, out var technique) ? technique : throw new InvalidOperationException($"technique `{id}` is not in the catalogue");

    private static FrozenDictionary<string, AwsTechnique> Load()
    {
        using var stream = typeof(AwsTechniqueCatalog).Assembly.GetManifestResourceStream("Ward.Aws.Edges.pathfinding-techniques.json")
            ?? throw new InvalidOperationException("the embedded technique catalogue is missing from the build");
        using var document = JsonDocument.Parse(stream);
        var techniques = document.RootElement.GetProperty("techniques").EnumerateArray().Select(t => new AwsTechnique(
            t.GetProperty("id").GetString()!,
            t.GetProperty("name").GetString()!,
            t.GetProperty("category").GetString()!,
            t.GetProperty("description").GetString()!,
            [.. t.GetProperty("requiredPermissions").EnumerateArray().Select(p => p.GetString()!)],
            t.GetProperty("recommendation").GetString()!,
            [.. t.GetProperty("references").EnumerateArray().Select(r => new TechniqueReference(r.GetProperty("title").GetString() ?? string.Empty, r.GetProperty("url").GetString() ?? string.Empty))]));
        return techniques.Concat(WardTechniques()).ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
    }

    private static readonly (string Id, string Name, ImmutableArray<string> Actions, TechniqueReference Reference)[] ResourcePolicyRewrites =
    [
        ("ward-s3-put-bucket-policy", "s3:PutBucketPolicy", ["s3:PutBucketPolicy"], new("Amazon S3 API: PutBucketPolicy", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html")),
        ("ward-kms-put-key-policy", "kms:PutKeyPolicy", ["kms:PutKeyPolicy"], new("AWS KMS API: PutKeyPolicy", "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html")),
        ("ward-secretsmanager-put-resource-policy", "secretsmanager:PutResourcePolicy", ["secretsmanager:PutResourcePolicy"], new("Secrets Manager API: PutResourcePolicy", "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html")),
        ("ward-sqs-set-queue-attributes", "sqs:SetQueueAttributes / sqs:AddPermission", ["sqs:SetQueueAttributes", "sqs:AddPermission"], new("Amazon SQS API: SetQueueAttributes", "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html")),
        ("ward-sns-set-topic-attributes", "sns:SetTopicAttributes / sns:AddPermission", ["sns:SetTopicAttributes", "sns:AddPermission"], new("Amazon SNS API: SetTopicAttributes", "https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html")),
        ("ward-lambda-add-permission", "lambda:AddPermission", ["lambda:AddPermission"], new("AWS Lambda API: AddPermission", "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html")),
        ("ward-ecr-set-repository-policy", "ecr:SetRepositoryPolicy", ["ecr:SetRepositoryPolicy"], new("Amazon ECR API: SetRepositoryPolicy", "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_SetRepositoryPolicy.html")),
    ];

    private static IEnumerable<AwsTechnique> WardTechniques()
    {
        ImmutableArray<TechniqueReference> iam = [new("IAM user guide: permissions boundaries", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html")];
        yield return new AwsTechnique(
            "ward-iam-delete-boundary",
            "iam:DeleteUserPermissionsBoundary / iam:DeleteRolePermissionsBoundary",
            "self-escalation",
            "A principal that can remove its own permissions boundary regains every permission its identity policies grant beyond the boundary.",
            ["iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary"],
            "Deny boundary removal to the principals the boundary is meant to contain, e.g. with a Deny on iam:DeleteUserPermissionsBoundary and iam:DeleteRolePermissionsBoundary, or an SCP.",
            iam);
        yield return new AwsTechnique(
            "ward-iam-replace-boundary",
            "iam:PutUserPermissionsBoundary / iam:PutRolePermissionsBoundary",
            "self-escalation",
            "A principal that can set its own permissions boundary can replace the boundary that holds it back with one that allows everything, such as the AWS managed AdministratorAccess, and regain every permission its identity policies grant.",
            ["iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary"],
            "Do not let the principals a boundary is meant to contain set boundaries on themselves; where they must set boundaries on the principals they create, require the approved boundary with a condition on iam:PermissionsBoundary, and deny iam:PutUserPermissionsBoundary and iam:PutRolePermissionsBoundary on themselves.",
            [.. iam, new("IAM user guide: delegating responsibility to others using permissions boundaries", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate")]);
        yield return new AwsTechnique(
            "ward-iam-rewrite-boundary",
            "iam:CreatePolicyVersion on one's own permissions boundary",
            "self-escalation",
            "A principal that can create a new version of the customer-managed policy used as its own permissions boundary can make a version that allows everything its default, and regain every permission its identity policies grant.",
            ["iam:CreatePolicyVersion"],
            "Deny iam:CreatePolicyVersion (and iam:SetDefaultPolicyVersion) on boundary policies to the principals they contain, or keep boundary policies out of reach of every policy-editing grant (name the policies such a grant may change instead of using *).",
            [.. iam, new("IAM API: CreatePolicyVersion", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html")]);
        ImmutableArray<TechniqueReference> identityCenter =
        [
            new("IAM Identity Center: delegated administration", "https://docs.aws.amazon.com/singlesignon/latest/userguide/delegated-admin.html"),
            new("Identity Store API: CreateGroupMembership", "https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroupMembership.html"),
        ];
        yield return new AwsTechnique(
            "ward-sso-assignment",
            "IAM Identity Center permission set assignment from an administering account",
            "principal-access",
            "A principal of the account that administers IAM Identity Center (the organization's management account, or a delegated administrator) that can create a permission set, attach AdministratorAccess to it, provision it and assign it (sso:CreatePermissionSet, sso:AttachManagedPolicyToPermissionSet, sso:ProvisionPermissionSet, sso:CreateAccountAssignment) can make an Identity Center user it controls an administrator of an account of the organization; SCPs do not bind the management account. Decided from the Identity Center export when it is given; otherwise conditional on Identity Center being enabled.",
            ["sso:CreatePermissionSet", "sso:AttachManagedPolicyToPermissionSet", "sso:ProvisionPermissionSet", "sso:CreateAccountAssignment"],
            "Keep Identity Center administration to a few break-glass principals of the management account (or a delegated administrator account with tight SCPs); deny the sso: permission-set and assignment actions to automation that does not need them.",
            identityCenter);
        yield return new AwsTechnique(
            "ward-identitystore-group-membership",
            "identitystore:CreateGroupMembership into a group assigned a permission set",
            "principal-access",
            "A principal of the account that administers IAM Identity Center allowed identitystore:CreateGroupMembership on the identity store and on a group that is assigned a permission set in an account can add an Identity Center user it controls (or creates, with identitystore:CreateUser) to the group, sign in to the AWS access portal and use the permission set's AWSReservedSSO_ role in that account. No sso: permission is needed.",
            ["identitystore:CreateGroupMembership"],
            "Treat identity store writes as administrator rights: grant identitystore:CreateGroupMembership (and CreateUser, UpdateUser) only on groups without privileged assignments, naming them by ARN (arn:aws:identitystore:::group/ID), or manage membership from the identity provider only.",
            identityCenter);
        yield return new AwsTechnique(
            "ward-identitystore-update-user",
            "identitystore:UpdateUser on a user assigned a permission set",
            "principal-access",
            "A principal of the account that administers IAM Identity Center allowed identitystore:UpdateUser on the identity store and on an Identity Center user who is assigned a permission set in an account (directly or through a group) can change the user's primary email address to one it reads, reset the password from the email Identity Center sends there, and sign in as the user to use the permission set's AWSReservedSSO_ role. It needs users of Identity Center's own directory and no MFA device standing in the way.",
            ["identitystore:UpdateUser"],
            "Treat identitystore:UpdateUser as administrator rights: grant it only on users without privileged assignments (arn:aws:identitystore:::user/ID), require MFA at sign-in, or keep users in an external identity provider.",
            [.. identityCenter, new("Identity Store API: UpdateUser", "https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UpdateUser.html"), new("IAM Identity Center: reset a user's password", "https://docs.aws.amazon.com/singlesignon/latest/userguide/reset-password-for-user.html")]);
        yield return new AwsTechnique(
            "ward-iam-detach-deny",
            "Detach or delete one's own deny policy",
            "self-escalation",
            "A principal whose permissions are limited by a Deny statement in a policy attached to itself can detach or delete that policy (iam:DetachUserPolicy, iam:DetachRolePolicy, iam:DeleteUserPolicy, iam:DeleteRolePolicy) and regain what the deny removed.",
            ["iam:DetachUserPolicy", "iam:DetachRolePolicy", "iam:DeleteUserPolicy", "iam:DeleteRolePolicy"],
            "Do not let a principal change the policies that restrict it; put guardrails in SCPs or boundaries the principal cannot change.",
            iam);
        ImmutableArray<TechniqueReference> organizations =
        [
            new("AWS Organizations: delegated administrator for Organizations", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs-policy-delegate.html"),
            new("AWS Organizations: service control policies", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"),
            new("AWS Organizations: resource control policies", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"),
        ];
        yield return new AwsTechnique(
            "ward-org-update-scp",
            "organizations:UpdatePolicy on the SCPs and RCPs that restrict oneself",
            "self-escalation",
            "A principal of a member account whose identity policies would make it an administrator but for the SCPs (or RCPs) that govern its account can rewrite those policies (organizations:UpdatePolicy) and so lift its own guardrails. Only the management account and a delegated administrator account for AWS Organizations policy management can call it; the AWS-managed FullAWSAccess and RCPFullAWSAccess cannot be edited.",
            ["organizations:UpdatePolicy"],
            "Do not delegate Organizations policy management to accounts whose principals the SCPs are meant to contain; deny organizations:UpdatePolicy, AttachPolicy, DetachPolicy and DeletePolicy in an SCP to every principal but a break-glass role.",
            organizations);
        yield return new AwsTechnique(
            "ward-org-detach-scp",
            "organizations:DetachPolicy on the SCPs and RCPs that restrict oneself",
            "self-escalation",
            "A principal of a member account whose identity policies would make it an administrator but for the SCPs (or RCPs) attached to its account or to the OUs and root above it can detach them (organizations:DetachPolicy, on the policy and on the target). AWS refuses to detach the last SCP or RCP of a root, OU or account, so where the restricting policy is the last one the principal must first attach FullAWSAccess (organizations:AttachPolicy). Only the management account and a delegated administrator account for AWS Organizations policy management can call them.",
            ["organizations:DetachPolicy", "organizations:AttachPolicy"],
            "Do not delegate Organizations policy management to accounts whose principals the SCPs are meant to contain; deny organizations:DetachPolicy and AttachPolicy (and UpdatePolicy, DeletePolicy) in an SCP to every principal but a break-glass role.",
            organizations);
        yield return new AwsTechnique(
            "ward-iam-service-credential",
            "iam:CreateServiceSpecificCredential / iam:ResetServiceSpecificCredential on another user",
            "principal-access",
            "A principal that can create (or reset) a service-specific credential of another IAM user obtains a password or API key that acts as that user in one service only: CodeCommit (Git over HTTPS), Amazon Keyspaces (Cassandra) or Amazon Bedrock (API keys). It gets the target's permissions in that service, not the target's identity elsewhere.",
            ["iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential"],
            "Allow iam:CreateServiceSpecificCredential and iam:ResetServiceSpecificCredential only on the caller's own user (Resource arn:aws:iam::*:user/${aws:username}), and limit the services with the iam:ServiceSpecificCredentialServiceName condition key.",
            [
                new("IAM API reference: CreateServiceSpecificCredential", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html"),
                new("IAM user guide: service-specific credentials", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html"),
            ]);
        yield return new AwsTechnique(
            "ward-sts-outsider",
            "sts:AssumeRole from outside the exported accounts",
            "principal-access",
            "A role's trust policy lets in a party outside the exported accounts: another account (any of its principals its administrators allow), a principal of one, or any AWS account (`*`). That party can assume the role and holds its permissions; a third party asked for an sts:ExternalId is taken to know it.",
            ["sts:AssumeRole"],
            "Trust only the accounts and principals that need the role, with sts:ExternalId for third parties and aws:PrincipalOrgID or aws:PrincipalAccount conditions for `*`; give roles that outsiders can assume only the permissions they need.",
            [new("IAM user guide: cross-account access with roles", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html")]);
        yield return new AwsTechnique(
            "ward-sts-federated",
            "sts:AssumeRoleWithWebIdentity / sts:AssumeRoleWithSAML",
            "principal-access",
            "A role's trust policy lets in the holders of tokens of an OIDC provider (GitHub Actions, EKS service accounts, Cognito, others) or assertions of a SAML provider. Whoever the provider issues a token with the claims the trust names can assume the role; without conditions on the subject, anyone it issues a token to.",
            ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"],
            "Pin OIDC trusts to the audience and to exact subjects (repository and branch or environment, namespace and service account), and give roles assumed by CI or federated users only the permissions they need.",
            [new("IAM user guide: OIDC federation", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html")]);

        // Reaching a resource named with --target (edges computed only for such targets).
        yield return new AwsTechnique(
            "ward-resource-outsider",
            "Access to a resource from outside the exported accounts",
            "resource-access",
            "A resource's policy lets a party outside the exported accounts at its data: anyone without AWS credentials, any AWS account (`*`), or another account or a principal of it that the policy names. Decided for a caller of that party whose own policies allow everything, carrying values of its own for the organization, source and network keys.",
            ["s3:GetObject", "kms:Decrypt", "secretsmanager:GetSecretValue"],
            "Name only the accounts and principals that need the resource, and keep outsiders out with aws:PrincipalOrgID, aws:SourceAccount or an RCP data perimeter.",
            [new("IAM user guide: cross-account resource access", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html")]);
        yield return new AwsTechnique(
            "ward-resource-access",
            "Direct access to a resource's data",
            "resource-access",
            "The principal's effective permissions (identity policies, permissions boundary, SCPs, RCPs and the resource's own policy) allow it to read or write the resource's data: s3:GetObject or s3:PutObject on a bucket, kms:Decrypt on a key, sqs:SendMessage, sqs:ReceiveMessage or sqs:PurgeQueue on a queue, sns:Publish or sns:Subscribe on a topic, secretsmanager:GetSecretValue on a secret, lambda:UpdateFunctionCode on a function, ecr:BatchGetImage or ecr:PutImage on a repository.",
            ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:PurgeQueue", "sns:Publish", "sns:Subscribe", "secretsmanager:GetSecretValue", "lambda:UpdateFunctionCode", "ecr:BatchGetImage", "ecr:PutImage"],
            "Grant data access to a sensitive resource only to the principals that need it: name them in the resource policy, deny everyone else there (aws:PrincipalArn), and scope identity grants to resource ARNs instead of `*`.",
            [new("IAM user guide: policy evaluation logic", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html")]);
        foreach (var (id, name, actions, reference) in ResourcePolicyRewrites)
        {
            yield return new AwsTechnique(
                id,
                $"{name}: rewrite a resource's policy to let oneself in",
                "resource-access",
                $"A principal allowed {string.Join(" or ", actions)} on a resource can replace (or extend) the resource's policy with a statement that names itself, and then read or write the resource's data, whatever the policy said before (a Deny included). SCPs, RCPs and, for a role, its permissions boundary still apply to the access that follows.",
                actions,
                $"Treat {string.Join(" and ", actions)} as administration of the resource: grant them only to its administrators, and deny them in the resource policy (and an SCP) to everyone else.",
                [reference]);
        }

        yield return new AwsTechnique(
            "ward-kms-create-grant",
            "kms:CreateGrant to oneself, then kms:Decrypt",
            "resource-access",
            "A principal allowed kms:CreateGrant on a key, for itself as the grantee (kms:GranteePrincipal) and for Decrypt (kms:GrantOperations), can grant itself Decrypt and use the grant, even when the key policy would not let it decrypt. Grants created for AWS services only (kms:GrantIsForAWSResource) or limited to other operations or grantees do not give the edge.",
            ["kms:CreateGrant"],
            "Allow kms:CreateGrant only with conditions: kms:GrantIsForAWSResource true for service integrations, kms:GrantOperations limited to the operations needed, kms:GranteePrincipal pinned to the intended grantees.",
            [new("AWS KMS developer guide: grants", "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html"), new("AWS KMS developer guide: grant condition keys", "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-operations")]);
    }
}
