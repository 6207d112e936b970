using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Ward.Analysis;
using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Every technique against its twins: a vulnerable principal granted exactly the technique's permissions (with the
/// target the checker needs) must get the edge and a privilege-escalation finding whose first step is the technique;
/// each safe twin holds the same grants plus one blocker (an explicit Deny, a permissions boundary, a resource
/// constraint, a condition that cannot hold, an SCP) and must reach nothing.
/// </summary>
/// <remarks>
/// One estate, scanned once: each technique has its own account (targets, vulnerable principal, twins), and each SCP
/// twin an account of its own under an SCP, so no path crosses from one technique to another.
/// </remarks>
public sealed class TechniqueTwinTests
{
    private const string Management = "999900001111";
    private const string Created = "2024-03-04T10:20:30Z";
    private const string Team = "analytics";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A counter for the estate's unique ids (AIDA..., AROA...).</summary>
    private static int _ids;

    /// <summary>Checkers of <see cref="AwsEdgeCheckers.All"/> without twins here, and why.</summary>
    private static readonly ImmutableSortedDictionary<string, string> NotCoveredYet = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Needs an organization export whose resource policy delegates policy management; covered by
        // UpdateServiceControlPoliciesEdgeTests (vulnerable administrator and four safe twins).
        ["ward-org-update-scp"] = "covered by UpdateServiceControlPoliciesEdgeTests",

        // The same organization set-up, with an OU and an allow-list account; covered by
        // DetachServiceControlPoliciesEdgeTests (administrator, RCP-held principal, FullAWSAccess attached first, and
        // six safe twins).
        ["ward-org-detach-scp"] = "covered by DetachServiceControlPoliciesEdgeTests",

        // Its edges are limited to one service and end in no privilege-escalation finding (which every case here
        // asserts); covered by ServiceSpecificCredentialEdgeTests (vulnerable principal and safe twins).
        ["ward-iam-service-credential"] = "covered by ServiceSpecificCredentialEdgeTests",

        // Needs the management account of an organization; covered by IdentityCenterEdgeTests (operator and three
        // safe twins: denied assignment, reader, member account).
        ["ward-sso-assignment"] = "covered by IdentityCenterEdgeTests",

        // Come from parties outside the exported accounts (trust policies); covered by OutsidePartyEdgeTests
        // (external account, external id, OIDC with and without a subject, SAML; organization and deny twins).
        ["ward-sts-federated"] = "covered by OutsidePartyEdgeTests",
        ["ward-sts-outsider"] = "covered by OutsidePartyEdgeTests",

        // Needs an Identity Center export and the reserved role of a permission set; covered by
        // IdentityStoreGroupMembershipEdgeTests (helpdesk, named-user and delegated-administrator principals, and four
        // safe twins: denied, read-only group, unassigned group, member account; and an export without an instance).
        ["ward-identitystore-group-membership"] = "covered by IdentityStoreGroupMembershipEdgeTests",
        ["ward-identitystore-update-user"] = "covered by IdentityStoreUpdateUserEdgeTests",

        // End at a resource named with --target (computed only for such targets); covered by ResourceTargetEdgeTests
        // (a bucket reached directly, by rewriting its policy and in two steps, three safe twins; a key that locks out
        // the account's administrator; grants for Decrypt and for Encrypt only). The other services' policy rewrites
        // share the checker of ward-s3-put-bucket-policy and ward-kms-put-key-policy, with another action and type.
        ["ward-resource-outsider"] = "covered by ScanCommandTests (the sample's public bucket and vendor-shared key as targets)",
        ["ward-resource-access"] = "covered by ResourceTargetEdgeTests",
        ["ward-s3-put-bucket-policy"] = "covered by ResourceTargetEdgeTests",
        ["ward-kms-put-key-policy"] = "covered by ResourceTargetEdgeTests",
        ["ward-kms-create-grant"] = "covered by ResourceTargetEdgeTests",
        ["ward-secretsmanager-put-resource-policy"] = "covered by ResourceTargetEdgeTests",
        ["ward-sqs-set-queue-attributes"] = "covered by ResourceTargetEdgeTests",
        ["ward-sns-set-topic-attributes"] = "covered by ResourceTargetEdgeTests",
        ["ward-lambda-add-permission"] = "covered by ResourceTargetEdgeTests",
        ["ward-ecr-set-repository-policy"] = "covered by ResourceTargetEdgeTests",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static readonly ImmutableArray<Case> Cases =
    [
        // Becoming another principal: the target is an administrator.
        new("sts-001", Setup.AdminRole, [Deny("sts:AssumeRole"), Constrain("sts:AssumeRole"), Scp("sts:AssumeRole")]),
        new("iam-002", Setup.AdminUser, [Deny("iam:CreateAccessKey"), Bound("iam:CreateAccessKey")]),
        // A second key needs the first permission too: iam-002 is the same path with fewer actions.
        new("iam-003", Setup.AdminUser, [Deny("iam:CreateAccessKey"), Tagged("iam:CreateAccessKey")]) { ShadowedBy = "iam-002" },
        new("iam-004", Setup.AdminUser, [Deny("iam:CreateLoginProfile"), Constrain("iam:CreateLoginProfile")]),
        new("iam-006", Setup.AdminUser, [Deny("iam:UpdateLoginProfile"), Tagged("iam:UpdateLoginProfile")]),
        // Rewriting a trust policy, then assuming the role: the assumption is decided too, and denied by an explicit
        // Deny or an SCP even though the rewritten trust names the principal.
        new("iam-012", Setup.AdminRole, [Deny("iam:UpdateAssumeRolePolicy"), Scp("iam:UpdateAssumeRolePolicy"), Deny("sts:AssumeRole"), Scp("sts:AssumeRole")]) { AlsoDecided = ["sts:AssumeRole"] },
        new("iam-013", Setup.AdminGroup, [Deny("iam:AddUserToGroup"), Constrain("iam:AddUserToGroup")]),

        // Rewriting one's own permissions.
        new("iam-001", Setup.OwnPolicy, [Deny("iam:CreatePolicyVersion"), Bound("iam:CreatePolicyVersion")]),
        new("iam-005", Setup.SelfRole, [Deny("iam:PutRolePolicy"), Tagged("iam:PutRolePolicy"), Scp("iam:PutRolePolicy")]),
        new("iam-007", Setup.SelfUser, [Deny("iam:PutUserPolicy"), Bound("iam:PutUserPolicy")]),
        new("iam-008", Setup.SelfUser, [Deny("iam:AttachUserPolicy"), Tagged("iam:AttachUserPolicy")]),
        new("iam-009", Setup.SelfRole, [Deny("iam:AttachRolePolicy"), Bound("iam:AttachRolePolicy")]),
        new("iam-010", Setup.OwnGroup, [Deny("iam:AttachGroupPolicy"), Bound("iam:AttachGroupPolicy")]),
        new("iam-011", Setup.OwnGroup, [Deny("iam:PutGroupPolicy"), Tagged("iam:PutGroupPolicy")]),
        new("ward-iam-delete-boundary", Setup.OwnBoundary, [Deny("iam:DeleteUserPermissionsBoundary")]) { Actions = ["iam:DeleteUserPermissionsBoundary"] },
        new("ward-iam-replace-boundary", Setup.OwnBoundary, [Deny("iam:PutUserPermissionsBoundary")]) { Actions = ["iam:PutUserPermissionsBoundary"] },
        new("ward-iam-rewrite-boundary", Setup.OwnBoundary, [Deny("iam:CreatePolicyVersion")]) { Actions = ["iam:CreatePolicyVersion"] },
        new("ward-iam-detach-deny", Setup.OwnDeny, [Deny("iam:DeleteUserPolicy")]) { Actions = ["iam:DeleteUserPolicy"] },

        // Rewriting another principal's permissions, then becoming it: the target is no administrator.
        new("iam-014", Setup.TargetRole, [Deny("iam:AttachRolePolicy"), Bound("sts:AssumeRole")]),
        new("iam-015", Setup.TargetUser, [Deny("iam:CreateAccessKey"), Constrain("iam:AttachUserPolicy")]),
        new("iam-016", Setup.TargetRole, [Deny("iam:CreatePolicyVersion"), Bound("iam:CreatePolicyVersion")]),
        new("iam-017", Setup.TargetRole, [Deny("iam:PutRolePolicy"), Tagged("sts:AssumeRole")]),
        new("iam-018", Setup.TargetUser, [Deny("iam:PutUserPolicy"), Constrain("iam:CreateAccessKey")]),
        new("iam-019", Setup.TargetRole, [Deny("iam:UpdateAssumeRolePolicy"), Tagged("iam:AttachRolePolicy"), Scp("sts:AssumeRole")]) { AlsoDecided = ["sts:AssumeRole"] },
        new("iam-020", Setup.TargetRole, [Deny("iam:UpdateAssumeRolePolicy"), Constrain("iam:CreatePolicyVersion"), Deny("sts:AssumeRole")]) { AlsoDecided = ["sts:AssumeRole"] },
        new("iam-021", Setup.TargetRole, [Deny("iam:PutRolePolicy"), Scp("iam:PutRolePolicy"), Deny("sts:AssumeRole")]) { AlsoDecided = ["sts:AssumeRole"] },

        // Passing an administrator role to new compute. A twin blocks an action every lesser technique of the same
        // service needs too (e.g. ecs:CreateService, not ecs:CreateCluster, for ecs-001), or it would still escalate.
        new("apprunner-001", Setup.ServiceRole, [Deny("apprunner:CreateService"), PassedElsewhere()]) { Service = "tasks.apprunner.amazonaws.com" },
        new("bedrock-001", Setup.ServiceRole, [Deny("bedrock-agentcore:InvokeCodeInterpreter"), Bound("bedrock-agentcore:StartCodeInterpreterSession")]) { Service = "bedrock-agentcore.amazonaws.com" },
        new("cloudformation-001", Setup.ServiceRole, [Deny("cloudformation:CreateStack"), Tagged("cloudformation:CreateStack")]) { Service = "cloudformation.amazonaws.com" },
        new("cloudformation-003", Setup.ServiceRole, [Deny("cloudformation:CreateStackInstances"), Constrain("iam:PassRole")]) { Service = "cloudformation.amazonaws.com" },
        new("cloudformation-004", Setup.ServiceRole, [Deny("cloudformation:UpdateStackSet"), PassedElsewhere()]) { Service = "cloudformation.amazonaws.com" },
        new("codebuild-001", Setup.ServiceRole, [Deny("codebuild:StartBuild"), Bound("codebuild:StartBuild")]) { Service = "codebuild.amazonaws.com" },
        // Starting a batch build of an existing project (codebuild-003) needs a subset of the same permissions, but
        // holds only if such a project exists: the certain edge (a new project) is the one the finding names.
        new("codebuild-004", Setup.ServiceRole, [Deny("codebuild:StartBuildBatch"), Tagged("codebuild:StartBuildBatch")]) { Service = "codebuild.amazonaws.com" },
        new("datapipeline-001", Setup.ServiceRole, [Deny("datapipeline:ActivatePipeline"), Constrain("iam:PassRole")]) { Service = "datapipeline.amazonaws.com" },
        new("ec2-001", Setup.InstanceProfileRole, [Deny("ec2:RunInstances"), Bound("iam:PassRole")]) { Service = "ec2.amazonaws.com" },
        new("ec2-003", Setup.InstanceProfileRole, [Deny("ec2:RequestSpotInstances"), PassedElsewhere()]) { Service = "ec2.amazonaws.com" },
        new("ecs-001", Setup.ServiceRole, [Deny("ecs:CreateService"), Constrain("iam:PassRole")]) { Service = "ecs-tasks.amazonaws.com" },
        new("ecs-002", Setup.ServiceRole, [Deny("ecs:RunTask"), Tagged("ecs:RegisterTaskDefinition")]) { Service = "ecs-tasks.amazonaws.com" },
        new("ecs-003", Setup.ServiceRole, [Deny("ecs:CreateService"), Tagged("iam:PassRole")]) { Service = "ecs-tasks.amazonaws.com" },
        new("ecs-004", Setup.ServiceRole, [Deny("ecs:RunTask"), Bound("iam:PassRole")]) { Service = "ecs-tasks.amazonaws.com" },
        new("ecs-005", Setup.ServiceRole, [Deny("ecs:StartTask"), PassedElsewhere()]) { Service = "ecs-tasks.amazonaws.com" },
        new("glue-001", Setup.ServiceRole, [Deny("glue:CreateDevEndpoint"), Constrain("iam:PassRole")]) { Service = "glue.amazonaws.com" },
        new("glue-003", Setup.ServiceRole, [Deny("glue:StartJobRun"), Scp("glue:CreateJob")]) { Service = "glue.amazonaws.com" },
        new("glue-004", Setup.ServiceRole, [Deny("glue:CreateTrigger"), Tagged("glue:CreateJob")]) { Service = "glue.amazonaws.com" },
        new("glue-005", Setup.ServiceRole, [Deny("glue:UpdateJob"), Bound("glue:StartJobRun")]) { Service = "glue.amazonaws.com" },
        new("glue-006", Setup.ServiceRole, [Deny("glue:CreateTrigger"), Tagged("glue:UpdateJob")]) { Service = "glue.amazonaws.com" },
        new("lambda-001", Setup.ServiceRole, [Deny("lambda:InvokeFunction"), Scp("iam:PassRole")]) { Service = "lambda.amazonaws.com" },
        new("lambda-002", Setup.ServiceRole, [Deny("lambda:CreateEventSourceMapping"), Constrain("iam:PassRole")]) { Service = "lambda.amazonaws.com" },
        new("lambda-006", Setup.ServiceRole, [Deny("lambda:AddPermission"), PassedElsewhere()]) { Service = "lambda.amazonaws.com" },
        new("sagemaker-001", Setup.ServiceRole, [Deny("sagemaker:CreateNotebookInstance"), Tagged("iam:PassRole")]) { Service = "sagemaker.amazonaws.com" },
        new("sagemaker-002", Setup.ServiceRole, [Deny("sagemaker:CreateTrainingJob"), PassedElsewhere()]) { Service = "sagemaker.amazonaws.com" },
        new("sagemaker-003", Setup.ServiceRole, [Deny("sagemaker:CreateProcessingJob"), Constrain("iam:PassRole")]) { Service = "sagemaker.amazonaws.com" },

        // Taking over existing compute that runs as an administrator role (the export does not list the resources:
        // any role trusting the service stands for them, so resource constraints do not apply).
        new("apprunner-002", Setup.ServiceRole, [Deny("apprunner:UpdateService"), Tagged("apprunner:UpdateService")]) { Service = "tasks.apprunner.amazonaws.com" },
        new("bedrock-002", Setup.ServiceRole, [Deny("bedrock-agentcore:InvokeCodeInterpreter"), Bound("bedrock-agentcore:StartCodeInterpreterSession")]) { Service = "bedrock-agentcore.amazonaws.com" },
        new("cloudformation-002", Setup.ServiceRole, [Deny("cloudformation:UpdateStack"), Scp("cloudformation:UpdateStack")]) { Service = "cloudformation.amazonaws.com" },
        new("cloudformation-005", Setup.ServiceRole, [Deny("cloudformation:ExecuteChangeSet"), Bound("cloudformation:CreateChangeSet")]) { Service = "cloudformation.amazonaws.com" },
        new("codebuild-002", Setup.ServiceRole, [Deny("codebuild:StartBuild"), Bound("codebuild:StartBuild")]) { Service = "codebuild.amazonaws.com" },
        new("codebuild-003", Setup.ServiceRole, [Deny("codebuild:StartBuildBatch"), Tagged("codebuild:StartBuildBatch")]) { Service = "codebuild.amazonaws.com" },
        new("ec2instanceconnect-003", Setup.InstanceProfileRole, [Deny("ec2-instance-connect:SendSSHPublicKey"), Bound("ec2:DescribeInstances")]) { Service = "ec2.amazonaws.com" },
        new("ec2-002", Setup.InstanceProfileRole, [Deny("ec2:ModifyInstanceAttribute"), Tagged("ec2:StartInstances")]) { Service = "ec2.amazonaws.com" },
        new("ec2-004", Setup.InstanceProfileRole, [Deny("ec2:ModifyLaunchTemplate"), Scp("ec2:CreateLaunchTemplateVersion")]) { Service = "ec2.amazonaws.com" },
        new("glue-002", Setup.ServiceRole, [Deny("glue:UpdateDevEndpoint"), Bound("glue:UpdateDevEndpoint")]) { Service = "glue.amazonaws.com" },
        new("lambda-003", Setup.ServiceRole, [Deny("lambda:UpdateFunctionCode"), Bound("lambda:UpdateFunctionCode")]) { Service = "lambda.amazonaws.com" },
        // Updating the code alone (lambda-003) is the same path with fewer actions.
        new("lambda-004", Setup.ServiceRole, [Deny("lambda:UpdateFunctionCode"), Tagged("lambda:UpdateFunctionCode")]) { Service = "lambda.amazonaws.com", ShadowedBy = "lambda-003" },
        new("lambda-005", Setup.ServiceRole, [Deny("lambda:UpdateFunctionCode"), Bound("lambda:UpdateFunctionCode")]) { Service = "lambda.amazonaws.com", ShadowedBy = "lambda-003" },
        new("sagemaker-004", Setup.ServiceRole, [Deny("sagemaker:CreatePresignedNotebookInstanceUrl"), Tagged("sagemaker:CreatePresignedNotebookInstanceUrl")]) { Service = "sagemaker.amazonaws.com" },
        new("sagemaker-005", Setup.ServiceRole, [Deny("sagemaker:UpdateNotebookInstance"), Bound("sagemaker:StartNotebookInstance")]) { Service = "sagemaker.amazonaws.com" },
        new("ssm-001", Setup.InstanceProfileRole, [Deny("ssm:StartSession"), Scp("ssm:StartSession")]) { Service = "ec2.amazonaws.com" },
        new("ssm-002", Setup.InstanceProfileRole, [Deny("ssm:SendCommand"), Tagged("ssm:SendCommand")]) { Service = "ec2.amazonaws.com" },
    ];

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-twins-").FullName;
        foreach (var (account, json) in Estate())
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
            File.WriteAllText(Path.Combine(folder, account, "gaad.json"), json.ToJsonString());
        }

        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization().ToJsonString());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    private enum Setup
    {
        /// <summary>An administrator role trusting the case's service (and a worker role, trusting it too, that is none).</summary>
        ServiceRole,

        /// <summary>As <see cref="ServiceRole"/>, both roles with an instance profile.</summary>
        InstanceProfileRole,

        /// <summary>An administrator user (and an intern user that is none).</summary>
        AdminUser,

        /// <summary>An administrator role trusting the account (and a read-only role).</summary>
        AdminRole,

        /// <summary>An administrators group (and a readers group).</summary>
        AdminGroup,

        /// <summary>A user that is no administrator: the technique rewrites its permissions (and an intern user).</summary>
        TargetUser,

        /// <summary>A role trusting the account, no administrator, with a customer-managed policy (and a read-only role with one too).</summary>
        TargetRole,

        /// <summary>The principal itself, a user.</summary>
        SelfUser,

        /// <summary>The principal itself, a role trusting the account.</summary>
        SelfRole,

        /// <summary>The principal's own group.</summary>
        OwnGroup,

        /// <summary>A customer-managed policy attached to the principal.</summary>
        OwnPolicy,

        /// <summary>An administrator user held back by a permissions boundary.</summary>
        OwnBoundary,

        /// <summary>An administrator user held back by an inline deny policy.</summary>
        OwnDeny,
    }

    private enum Blocker
    {
        /// <summary>An explicit Deny of the action in the twin's own policy.</summary>
        Deny,

        /// <summary>A permissions boundary that allows every other required action, not this one.</summary>
        Boundary,

        /// <summary>The action granted on a harmless resource only (a role that is no administrator, another user...).</summary>
        Resource,

        /// <summary>The action granted only to principals tagged with a team the twin is not in.</summary>
        PrincipalTag,

        /// <summary>iam:PassRole granted only for another service (iam:PassedToService).</summary>
        PassedToService,

        /// <summary>An SCP of the twin's account denies the action.</summary>
        Scp,
    }

    public static TheoryData<string> Techniques() => [.. Cases.Select(c => c.Technique)];

    public static TheoryData<string, string> Twins() => [.. Cases.SelectMany(c => c.Twins.Select(t => (c.Technique, TwinName(c, t))))];

    [Fact]
    public void The_estate_loads_without_errors()
    {
        Assert.Empty(Scan.Value.Estate.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void Every_checker_has_twins_or_is_listed_as_not_covered_yet()
    {
        var checkers = AwsEdgeCheckers.All.Select(c => c.TechniqueId).ToHashSet(StringComparer.Ordinal);
        var covered = Cases.Select(c => c.Technique).ToList();

        Assert.Equal(covered.Count, covered.Distinct(StringComparer.Ordinal).Count());
        Assert.All(covered, id => Assert.Contains(id, checkers));
        Assert.All(covered, id => Assert.False(NotCoveredYet.ContainsKey(id), $"{id} is covered, yet listed as not covered"));
        Assert.Equal(checkers.Except(covered, StringComparer.Ordinal).Order(StringComparer.Ordinal), NotCoveredYet.Keys, StringComparer.Ordinal);
    }

    [Fact]
    public void Every_pathfinding_technique_has_twins_or_is_listed_as_not_covered_yet()
    {
        var pathfinding = AwsTechniqueCatalog.All.Keys.Where(id => !id.StartsWith("ward-", StringComparison.Ordinal));

        Assert.Empty(pathfinding.Where(id => !NotCoveredYet.ContainsKey(id) && !Cases.Any(c => c.Technique == id)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Techniques))]
    public void The_vulnerable_principal_escalates_by_the_technique(string technique)
    {
        var @case = Cases.Single(c => c.Technique == technique);
        var account = AccountOf(@case, twin: null);
        var principal = PrincipalArn(@case, account, VulnerableName(@case));
        var graph = Scan.Value.Graph.Graph;

        Assert.False(graph.Nodes[new PrincipalId(principal)].IsAdmin);
        var edge = Assert.Single(graph.Edges, e => e.From.Value == principal && e.Technique == technique);
        Assert.Equal(ExpectedTarget(@case, account, principal), edge.To.Value);
        Assert.Equal(@case.DecidedActions.Order(StringComparer.OrdinalIgnoreCase), edge.Permissions.Select(p => p.Action).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(principal, step.From);
        Assert.Equal(@case.ShadowedBy ?? technique, step.Technique);
        Assert.Equal(edge.To.Value, step.To);
        if (@case.ShadowedBy is null)
        {
            Assert.Equal(@case.DecidedActions.Order(StringComparer.OrdinalIgnoreCase), step.Permissions.Select(p => p.Action).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        }
        else
        {
            // The lesser technique's actions are among the technique's own.
            Assert.Subset(@case.RequiredActions.ToHashSet(StringComparer.OrdinalIgnoreCase), step.Permissions.Select(p => p.Action).ToHashSet(StringComparer.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void The_safe_twin_does_not_escalate(string technique, string twinName)
    {
        var @case = Cases.Single(c => c.Technique == technique);
        var twin = @case.Twins.Single(t => TwinName(@case, t) == twinName);
        var principal = PrincipalArn(@case, AccountOf(@case, twin), twinName);
        var graph = Scan.Value.Graph.Graph;

        // The twin exists and is no administrator, so finding nothing means the blocker held.
        Assert.True(graph.Nodes.TryGetValue(new PrincipalId(principal), out var node));
        Assert.False(node!.IsAdmin);
        var edge = graph.Edges.FirstOrDefault(e => e.From.Value == principal && e.Technique == technique);
        Assert.True(edge is null, $"unexpected edge: {edge?.Description}");
        var escalation = Scan.Value.Findings.FirstOrDefault(f => f.RuleId == "privilege-escalation" && f.Principal == principal);
        Assert.True(escalation is null, $"unexpected escalation: {escalation?.Explanation}");
    }

    private static Twin Deny(string action) => new(Blocker.Deny, action);

    private static Twin Bound(string action) => new(Blocker.Boundary, action);

    private static Twin Constrain(string action) => new(Blocker.Resource, action);

    private static Twin Tagged(string action) => new(Blocker.PrincipalTag, action);

    private static Twin PassedElsewhere() => new(Blocker.PassedToService, "iam:PassRole");

    private static Twin Scp(string action) => new(Blocker.Scp, action);

    private static string VulnerableName(Case @case) => $"{@case.Technique}-vulnerable";

    /// <summary>The twin's name: by its blocker, and by the action blocked when that is none the technique is granted (each case's are the same otherwise).</summary>
    private static string TwinName(Case @case, Twin twin) => $"{@case.Technique}-safe-" + twin.Blocker switch
    {
        Blocker.Deny => "deny",
        Blocker.Boundary => "boundary",
        Blocker.Resource => "resource",
        Blocker.PrincipalTag => "tag",
        Blocker.PassedToService => "passed-to",
        _ => "scp",
    } + (@case.RequiredActions.Contains(twin.Action, StringComparer.Ordinal) ? string.Empty : "-" + twin.Action[(twin.Action.IndexOf(':') + 1)..].ToLowerInvariant());

    /// <summary>The technique's own account (vulnerable principal and twins), or an SCP twin's own account.</summary>
    private static string AccountOf(Case @case, Twin? twin)
    {
        var index = Cases.IndexOf(@case) + 1;
        var offset = twin is not null && HasOwnAccount(@case, twin) ? @case.Twins.IndexOf(twin) + 1 : 0;
        return (100000000000L + (index * 1000L) + offset).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether a twin lives in an account of its own: under an SCP, or when the technique's principals are
    /// administrators held back by one guardrail (they could otherwise take over one another, e.g. by
    /// iam:CreateLoginProfile, and so reach the vulnerable principal's path).
    /// </summary>
    private static bool HasOwnAccount(Case @case, Twin twin) => twin.Blocker == Blocker.Scp || @case.Setup is Setup.OwnBoundary or Setup.OwnDeny;

    private static bool PrincipalsAreRoles(Case @case) => @case.Setup == Setup.SelfRole;

    private static string PrincipalArn(Case @case, string account, string name) =>
        PrincipalsAreRoles(@case) ? $"arn:aws:iam::{account}:role/{name}" : $"arn:aws:iam::{account}:user/{name}";

    private static string TargetArn(Case @case, string account) => @case.Setup switch
    {
        Setup.ServiceRole or Setup.InstanceProfileRole => $"arn:aws:iam::{account}:role/{@case.Technique}-service-admin",
        Setup.AdminUser => $"arn:aws:iam::{account}:user/{@case.Technique}-admin",
        Setup.AdminRole => $"arn:aws:iam::{account}:role/{@case.Technique}-admin",
        Setup.AdminGroup => $"arn:aws:iam::{account}:group/{@case.Technique}-admins",
        Setup.TargetUser => $"arn:aws:iam::{account}:user/{@case.Technique}-target",
        Setup.TargetRole => $"arn:aws:iam::{account}:role/{@case.Technique}-target",
        _ => throw new InvalidOperationException($"{@case.Technique} has no target of its own"),
    };

    private static string HarmlessArn(Case @case, string account, string action) => @case.Setup switch
    {
        Setup.TargetRole when action == "iam:CreatePolicyVersion" => $"arn:aws:iam::{account}:policy/{@case.Technique}-readonly-policy",
        Setup.ServiceRole or Setup.InstanceProfileRole => $"arn:aws:iam::{account}:role/{@case.Technique}-service-worker",
        Setup.AdminUser or Setup.TargetUser => $"arn:aws:iam::{account}:user/{@case.Technique}-intern",
        Setup.AdminRole or Setup.TargetRole => $"arn:aws:iam::{account}:role/{@case.Technique}-readonly",
        Setup.AdminGroup => $"arn:aws:iam::{account}:group/{@case.Technique}-readers",
        _ => throw new InvalidOperationException($"{@case.Technique} has no harmless resource"),
    };

    private static string TargetPolicyArn(Case @case, string account) => $"arn:aws:iam::{account}:policy/{@case.Technique}-target-policy";

    /// <summary>Where the edge leads: the technique's target, or the principal itself when it rewrites its own permissions.</summary>
    private static string ExpectedTarget(Case @case, string account, string principal) => @case.Setup switch
    {
        Setup.SelfUser or Setup.SelfRole or Setup.OwnGroup or Setup.OwnPolicy or Setup.OwnBoundary or Setup.OwnDeny => principal,
        _ => TargetArn(@case, account),
    };

    /// <summary>The resource a principal is granted an action on: what the checker needs it on.</summary>
    private static string ResourceFor(Case @case, string account, string name, string action) => @case.Setup switch
    {
        Setup.ServiceRole or Setup.InstanceProfileRole => "*",
        Setup.TargetRole when action == "iam:CreatePolicyVersion" => TargetPolicyArn(@case, account),
        Setup.AdminUser or Setup.AdminRole or Setup.AdminGroup or Setup.TargetUser or Setup.TargetRole => TargetArn(@case, account),
        Setup.OwnGroup => $"arn:aws:iam::{account}:group/{name}-team",
        Setup.OwnPolicy => $"arn:aws:iam::{account}:policy/{name}-policy",
        Setup.OwnBoundary when action == "iam:CreatePolicyVersion" => $"arn:aws:iam::{account}:policy/{name}-boundary",
        _ => PrincipalArn(@case, account, name),
    };

    private static IEnumerable<(string Account, JsonObject Gaad)> Estate()
    {
        foreach (var @case in Cases)
        {
            var main = AccountOf(@case, twin: null);
            var principals = new List<(string Name, Twin? Twin)> { (VulnerableName(@case), null) };
            principals.AddRange(@case.Twins.Where(t => !HasOwnAccount(@case, t)).Select(t => (TwinName(@case, t), (Twin?)t)));
            yield return (main, Gaad(@case, main, principals));
            foreach (var twin in @case.Twins.Where(t => HasOwnAccount(@case, t)))
            {
                var account = AccountOf(@case, twin);
                yield return (account, Gaad(@case, account, [(TwinName(@case, twin), twin)]));
            }
        }
    }

    private static JsonObject Gaad(Case @case, string account, List<(string Name, Twin? Twin)> principals)
    {
        var users = new JsonArray();
        var groups = new JsonArray();
        var roles = new JsonArray();
        var policies = new JsonArray();
        var id = @case.Technique;

        // The case's targets.
        switch (@case.Setup)
        {
            case Setup.ServiceRole or Setup.InstanceProfileRole:
                var profile = @case.Setup == Setup.InstanceProfileRole;
                roles.Add(Role(account, $"{id}-service-admin", ServiceTrust(@case.Service!), Inline("administrator", Admin()), profile));
                roles.Add(Role(account, $"{id}-service-worker", ServiceTrust(@case.Service!), Inline("read-only", Reader()), profile));
                break;
            case Setup.AdminUser or Setup.TargetUser:
                users.Add(User(account, $"{id}-{(@case.Setup == Setup.AdminUser ? "admin" : "target")}", @case.Setup == Setup.AdminUser ? Inline("administrator", Admin()) : Inline("read-only", Reader())));
                users.Add(User(account, $"{id}-intern", Inline("read-only", Reader())));
                break;
            case Setup.AdminRole:
                roles.Add(Role(account, $"{id}-admin", AccountTrust(account), Inline("administrator", Admin())));
                roles.Add(Role(account, $"{id}-readonly", AccountTrust(account), Inline("read-only", Reader())));
                break;
            case Setup.TargetRole:
                var target = Role(account, $"{id}-target", AccountTrust(account), Inline("read-only", Reader()));
                target["AttachedManagedPolicies"] = new JsonArray(Attachment(TargetPolicyArn(@case, account)));
                roles.Add(target);
                policies.Add(ManagedPolicy(TargetPolicyArn(@case, account), Reader()));
                var readOnly = Role(account, $"{id}-readonly", AccountTrust(account), Inline("read-only", Reader()));
                readOnly["AttachedManagedPolicies"] = new JsonArray(Attachment($"arn:aws:iam::{account}:policy/{id}-readonly-policy"));
                roles.Add(readOnly);
                policies.Add(ManagedPolicy($"arn:aws:iam::{account}:policy/{id}-readonly-policy", Reader()));
                break;
            case Setup.AdminGroup:
                groups.Add(Group(account, $"{id}-admins", Inline("administrator", Admin())));
                groups.Add(Group(account, $"{id}-readers", Inline("read-only", Reader())));
                break;
        }

        foreach (var (name, twin) in principals)
        {
            var statements = new List<JsonNode>();
            if (@case.Setup is Setup.OwnBoundary or Setup.OwnDeny)
            {
                statements.Add(Statement("Allow", "*", "*"));
            }

            foreach (var action in @case.RequiredActions)
            {
                var blocked = twin is not null && string.Equals(twin.Action, action, StringComparison.Ordinal);
                var resource = blocked && twin!.Blocker == Blocker.Resource ? HarmlessArn(@case, account, action) : ResourceFor(@case, account, name, action);
                var statement = Statement("Allow", action, resource);
                if (blocked && twin!.Blocker == Blocker.PrincipalTag)
                {
                    statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalTag/team"] = "platform" } };
                }
                else if (blocked && twin!.Blocker == Blocker.PassedToService)
                {
                    var elsewhere = @case.Service == "ec2.amazonaws.com" ? "lambda.amazonaws.com" : "ec2.amazonaws.com";
                    statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = elsewhere } };
                }

                statements.Add(statement);
            }

            if (twin is { Blocker: Blocker.Deny })
            {
                statements.Add(Statement("Deny", twin.Action, "*"));
            }

            var inline = new JsonArray(new JsonObject { ["PolicyName"] = "duties", ["PolicyDocument"] = Document([.. statements]) });
            if (@case.Setup == Setup.OwnDeny)
            {
                inline.Add(new JsonObject
                {
                    ["PolicyName"] = "guardrail",
                    ["PolicyDocument"] = Document(Statement("Deny", ["s3:*", "iam:Attach*", "iam:Put*", "iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"], "*")),
                });
            }

            var principal = PrincipalsAreRoles(@case) ? Role(account, name, AccountTrust(account), inline) : User(account, name, inline);
            if (twin is { Blocker: Blocker.Boundary } || @case.Setup == Setup.OwnBoundary)
            {
                var boundaryArn = $"arn:aws:iam::{account}:policy/{name}-boundary";
                var allowed = @case.Setup == Setup.OwnBoundary
                    ? [.. @case.RequiredActions, "s3:GetObject"]
                    : @case.RequiredActions.Where(a => !string.Equals(a, twin!.Action, StringComparison.Ordinal)).Append("s3:GetObject").ToArray();
                policies.Add(ManagedPolicy(boundaryArn, Document(Statement("Allow", allowed, "*")), boundary: true));
                principal["PermissionsBoundary"] = new JsonObject { ["PermissionsBoundaryType"] = "Policy", ["PermissionsBoundaryArn"] = boundaryArn };
            }

            if (@case.Setup == Setup.OwnGroup)
            {
                groups.Add(Group(account, $"{name}-team", Inline("read-only", Reader())));
                principal["GroupList"] = new JsonArray((JsonNode)$"{name}-team");
            }

            if (@case.Setup == Setup.OwnPolicy)
            {
                var policyArn = $"arn:aws:iam::{account}:policy/{name}-policy";
                policies.Add(ManagedPolicy(policyArn, Reader()));
                principal["AttachedManagedPolicies"] = new JsonArray(Attachment(policyArn));
            }

            (PrincipalsAreRoles(@case) ? roles : users).Add(principal);
        }

        return new JsonObject { ["UserDetailList"] = users, ["GroupDetailList"] = groups, ["RoleDetailList"] = roles, ["Policies"] = policies };
    }

    private static string UniqueId(string prefix) => $"{prefix}WARDTWIN{Interlocked.Increment(ref _ids):D9}";

    private static JsonObject User(string account, string name, JsonArray inline) => new()
    {
        ["Path"] = "/",
        ["UserName"] = name,
        ["UserId"] = UniqueId("AIDA"),
        ["Arn"] = $"arn:aws:iam::{account}:user/{name}",
        ["CreateDate"] = Created,
        ["UserPolicyList"] = inline,
        ["GroupList"] = new JsonArray(),
        ["AttachedManagedPolicies"] = new JsonArray(),
        ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = Team }),
    };

    private static JsonObject Role(string account, string name, JsonObject trust, JsonArray inline, bool instanceProfile = false) => new()
    {
        ["Path"] = "/",
        ["RoleName"] = name,
        ["RoleId"] = UniqueId("AROA"),
        ["Arn"] = $"arn:aws:iam::{account}:role/{name}",
        ["CreateDate"] = Created,
        ["AssumeRolePolicyDocument"] = trust,
        ["InstanceProfileList"] = instanceProfile
            ? new JsonArray(new JsonObject
            {
                ["Path"] = "/",
                ["InstanceProfileName"] = name,
                ["InstanceProfileId"] = UniqueId("AIPA"),
                ["Arn"] = $"arn:aws:iam::{account}:instance-profile/{name}",
                ["CreateDate"] = Created,
            })
            : new JsonArray(),
        ["RolePolicyList"] = inline,
        ["AttachedManagedPolicies"] = new JsonArray(),
        ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = Team }),
        ["RoleLastUsed"] = new JsonObject(),
    };

    private static JsonObject Group(string account, string name, JsonArray inline) => new()
    {
        ["Path"] = "/",
        ["GroupName"] = name,
        ["GroupId"] = UniqueId("AGPA"),
        ["Arn"] = $"arn:aws:iam::{account}:group/{name}",
        ["CreateDate"] = Created,
        ["GroupPolicyList"] = inline,
        ["AttachedManagedPolicies"] = new JsonArray(),
    };

    private static JsonObject ManagedPolicy(string arn, JsonObject document, bool boundary = false) => new()
    {
        ["PolicyName"] = arn[(arn.LastIndexOf('/') + 1)..],
        ["PolicyId"] = UniqueId("ANPA"),
        ["Arn"] = arn,
        ["Path"] = "/",
        ["DefaultVersionId"] = "v1",
        ["AttachmentCount"] = boundary ? 0 : 1,
        ["PermissionsBoundaryUsageCount"] = boundary ? 1 : 0,
        ["IsAttachable"] = true,
        ["CreateDate"] = Created,
        ["UpdateDate"] = Created,
        ["PolicyVersionList"] = new JsonArray(new JsonObject { ["Document"] = document, ["VersionId"] = "v1", ["IsDefaultVersion"] = true, ["CreateDate"] = Created }),
    };

    private static JsonObject Attachment(string arn) => new() { ["PolicyName"] = arn[(arn.LastIndexOf('/') + 1)..], ["PolicyArn"] = arn };

    private static JsonArray Inline(string name, JsonObject document) => new(new JsonObject { ["PolicyName"] = name, ["PolicyDocument"] = document });

    private static JsonObject Document(params JsonNode[] statements) => new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statements) };

    private static JsonObject Statement(string effect, string action, string resource) => new() { ["Effect"] = effect, ["Action"] = action, ["Resource"] = resource };

    private static JsonObject Statement(string effect, string[] actions, string resource) =>
        new() { ["Effect"] = effect, ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]), ["Resource"] = resource };

    private static JsonObject Admin() => Document(Statement("Allow", "*", "*"));

    private static JsonObject Reader() => Document(Statement("Allow", ["s3:GetObject", "s3:ListBucket"], "*"));

    private static JsonObject ServiceTrust(string service) => Document(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["Service"] = service },
        ["Action"] = "sts:AssumeRole",
    });

    private static JsonObject AccountTrust(string account) => Document(new JsonObject
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{account}:root" },
        ["Action"] = "sts:AssumeRole",
    });

    /// <summary>An organization holding every account, FullAWSAccess everywhere, and for each SCP twin's account an SCP denying its action.</summary>
    private static JsonObject Organization()
    {
        var accounts = new JsonArray(Account(Management, "management"));
        var fullAccessTargets = new JsonArray(new JsonObject { ["TargetId"] = "r-tw01", ["Type"] = "ROOT" });
        var policies = new JsonArray();
        foreach (var @case in Cases)
        {
            foreach (var twin in @case.Twins.Where(t => HasOwnAccount(@case, t)).Select(t => (Twin?)t).Prepend(null))
            {
                var account = AccountOf(@case, twin);
                accounts.Add(Account(account, twin is null ? @case.Technique : TwinName(@case, twin)));
                fullAccessTargets.Add(new JsonObject { ["TargetId"] = account, ["Type"] = "ACCOUNT" });
                if (twin is { Blocker: Blocker.Scp })
                {
                    var content = Document(Statement("Deny", twin.Action, "*"));
                    policies.Add(new JsonObject
                    {
                        ["PolicySummary"] = new JsonObject { ["Id"] = $"p-twin{policies.Count + 1:D4}", ["Name"] = $"Deny-{@case.Technique}", ["Type"] = "SERVICE_CONTROL_POLICY", ["AwsManaged"] = false },
                        ["Content"] = content.ToJsonString(),
                        ["Targets"] = new JsonArray(new JsonObject { ["TargetId"] = account, ["Type"] = "ACCOUNT" }),
                    });
                }
            }
        }

        policies.Insert(0, new JsonObject
        {
            ["PolicySummary"] = new JsonObject { ["Id"] = "p-FullAWSAccess", ["Name"] = "FullAWSAccess", ["Type"] = "SERVICE_CONTROL_POLICY", ["AwsManaged"] = true },
            ["Content"] = Document(Statement("Allow", "*", "*")).ToJsonString(),
            ["Targets"] = fullAccessTargets,
        });
        return new JsonObject
        {
            ["Organization"] = new JsonObject { ["Id"] = "o-twintest01", ["Arn"] = $"arn:aws:organizations::{Management}:organization/o-twintest01", ["FeatureSet"] = "ALL", ["MasterAccountId"] = Management },
            ["Roots"] = new JsonArray(new JsonObject
            {
                ["Id"] = "r-tw01",
                ["Name"] = "Root",
                ["PolicyTypes"] = new JsonArray(new JsonObject { ["Type"] = "SERVICE_CONTROL_POLICY", ["Status"] = "ENABLED" }),
            }),
            ["OrganizationalUnits"] = new JsonArray(),
            ["Accounts"] = accounts,
            ["Policies"] = policies,
        };

        static JsonObject Account(string id, string name) => new() { ["Id"] = id, ["Name"] = name, ["Status"] = "ACTIVE", ["ParentId"] = "r-tw01" };
    }

    private sealed record Twin(Blocker Blocker, string Action);

    private sealed record Case(string Technique, Setup Setup, ImmutableArray<Twin> Twins)
    {
        /// <summary>The service principal the target role trusts (service techniques).</summary>
        public string? Service { get; init; }

        /// <summary>A technique whose permissions are a subset of this one's, found on the same path and preferred there.</summary>
        public string? ShadowedBy { get; init; }

        /// <summary>The actions granted (default: the technique's required permissions).</summary>
        public ImmutableArray<string> Actions { get; init; }

        public ImmutableArray<string> RequiredActions => Actions.IsDefault ? AwsTechniqueCatalog.Get(Technique).RequiredPermissions : Actions;

        /// <summary>
        /// Actions the edge decides beyond those granted, which the principal needs no grant for: assuming a role
        /// whose trust policy it rewrote to name it (within the account that trust alone allows it).
        /// </summary>
        public ImmutableArray<string> AlsoDecided { get; init; } = [];

        public ImmutableArray<string> DecidedActions => [.. RequiredActions, .. AlsoDecided];
    }
}
