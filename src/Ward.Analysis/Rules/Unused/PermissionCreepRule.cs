using System.Globalization;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Core.Decisions;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>permission-creep</c>: a 0–100 score per identity of the high-risk permissions it holds but has not used, in the
/// spirit of the Permission Creep Index of the retired Entra Permissions Management.
/// </summary>
/// <remarks>
/// Score = round(100 × unused / watched), where <em>watched</em> is the fixed list of high-risk actions below,
/// <em>held</em> are those the evaluator allows the identity on any resource (after denies, boundaries, SCPs and RCPs;
/// allowed under conditions counts), and <em>unused</em> are the held ones whose service the identity has not called
/// within <c>--unused-days</c> according to service last accessed data (services the data does not list are not
/// counted, and principals younger than the threshold are left out). The list and the formula are documented in
/// docs/rules/permission-creep.md, so a score can be recomputed by hand.
/// </remarks>
public sealed class PermissionCreepRule : IRule
{
    /// <summary>The watched high-risk actions: escalation, credentials, exposure, data access, destruction of evidence.</summary>
    public static readonly IReadOnlyList<string> HighRisk =
    [
        "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:CreatePolicyVersion",
        "iam:UpdateAssumeRolePolicy", "iam:PassRole", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
        "iam:CreateUser", "iam:CreateRole", "iam:DeleteRolePermissionsBoundary", "sts:AssumeRole",
        "lambda:CreateFunction", "lambda:UpdateFunctionCode", "ec2:RunInstances", "ssm:SendCommand", "ssm:StartSession",
        "cloudformation:CreateStack", "glue:CreateDevEndpoint", "codebuild:StartBuild",
        "s3:PutBucketPolicy", "kms:PutKeyPolicy", "secretsmanager:PutResourcePolicy", "ec2:ModifySnapshotAttribute", "lambda:AddPermission",
        "s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "dynamodb:Scan", "kms:Decrypt",
        "s3:DeleteBucket", "rds:DeleteDBInstance", "ec2:TerminateInstances", "kms:ScheduleKeyDeletion",
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "guardduty:DeleteDetector", "organizations:LeaveOrganization",
    ];

    public RuleMetadata Metadata { get; } = new(
        "permission-creep",
        "Permission creep",
        "unused",
        Severity.Low,
        "A 0–100 score of the high-risk permissions the identity holds but has not used: 100 × (watched high-risk actions it may perform on any resource, whose service its service last accessed data lists as not called within the unused threshold) ÷ (number of watched actions); services the data does not list (a truncated job) are not counted, and identities younger than the threshold are not scored. Unused power is what an attacker gets for free with the identity's credentials; a high score marks the best candidates for right-sizing.",
        "Remove the unused high-risk actions listed in the finding (or the statements granting them); generate a least-privilege policy from the identity's activity with IAM Access Analyzer, and re-scan to watch the score fall.",
        ["aws"],
        ["https://learn.microsoft.com/en-us/entra/permissions-management/product-permission-analytics", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html"])
    {
        Requires = RuleInputs.ServiceLastAccessed,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var queries = context.Probes.Queries;
        var prefilter = context.Probes;
        var reports = context.Estate.Accounts.SelectMany(a => a.ServiceLastAccessed)
            .Where(r => !r.PrincipalArn.Contains(":role/aws-service-role/", StringComparison.Ordinal))
            .OrderBy(r => r.PrincipalArn, StringComparer.Ordinal)
            .ToList();
        foreach (var report in reports)
        {
            // As unused-service-permissions: a principal younger than the threshold has had no time to use its services.
            var created = context.Estate.Users.GetValueOrDefault(report.PrincipalArn)?.Created ?? context.Estate.Roles.GetValueOrDefault(report.PrincipalArn)?.Created;
            if (created > context.ReferenceTime || (created is { } born && !Elapsed.AtLeast(born, context.ReferenceTime, context.Settings.UnusedDays)))
            {
                continue;
            }

            var principal = AwsPrincipal.Parse(report.PrincipalArn);
            var regions = AwsUnrestrictedAccess.ProbeRegions(context.Estate, principal);
            var held = HighRisk.Where(a => AwsUnrestrictedAccess.MayAllow(prefilter, principal, a, regions)
                && AwsUnrestrictedAccess.Decide(queries, principal, a, prefilter.RegionsWorthProbing(principal, a, regions)).Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional).ToList();
            var recentlyUsed = report.Services
                .Where(s => s.LastUsed is { State: UseState.Recorded, At: { } at } && !Elapsed.AtLeast(at, context.ReferenceTime, context.Settings.UnusedDays))
                .Select(s => s.Service)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            // Only services the data lists as not called within the threshold are unused: a service it does not list
            // (on a later page of a truncated job, or left out of a partial one) may be in use.
            var notUsed = report.Services
                .Where(s => s.LastUsed switch
                {
                    { State: UseState.Recorded, At: { } at } => Elapsed.AtLeast(at, context.ReferenceTime, context.Settings.UnusedDays),
                    { State: UseState.Never or UseState.BeforeTracking } => IamTracking.NoUseCovers(context.Settings.UnusedDays),
                    _ => false,
                })
                .Select(s => s.Service)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);

            // No recorded use covers only IAM's 400-day tracking period: with a longer threshold it does not say unused.
            var untracked = report.Services
                .Where(s => s.LastUsed.State is UseState.Never or UseState.BeforeTracking && !IamTracking.NoUseCovers(context.Settings.UnusedDays))
                .Select(s => s.Service)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var listed = report.Services.Select(s => s.Service).ToHashSet(StringComparer.OrdinalIgnoreCase);

            // Passing a role is checked by the receiving service, not recorded as a call to IAM: its use cannot be told.
            var unused = held.Where(a => a != "iam:PassRole" && notUsed.Contains(ServiceOf(a))).ToList();
            var unknown = held.Where(a => a != "iam:PassRole" && !listed.Contains(ServiceOf(a))).ToList();
            var undecided = held.Where(a => a != "iam:PassRole" && untracked.Contains(ServiceOf(a))).ToList();
            var score = (int)Math.Round(100.0 * unused.Count / HighRisk.Count, MidpointRounding.AwayFromZero);
            if (score == 0)
            {
                continue;
            }

            var label = report.PrincipalArn[(report.PrincipalArn.LastIndexOf('/') + 1)..];
            var admin = context.Graph.Admin.TryGetValue(new PrincipalId(report.PrincipalArn), out var verdict) && verdict.IsAdmin;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = score >= 50 ? Severity.High : score >= 20 ? Severity.Medium : Severity.Low,
                Provider = "aws",
                Account = report.Account,
                Principal = report.PrincipalArn,
                Title = $"`{label}`: permission creep {score.ToString(CultureInfo.InvariantCulture)}/100",
                Explanation = $"`{label}`{(admin ? " (admin-equivalent)" : string.Empty)} may perform {held.Count} of the {HighRisk.Count} watched high-risk actions on any resource, "
                    + $"and {unused.Count} of those belong to services it has not called in the {Elapsed.Days(context.Settings.UnusedDays)} before the {Elapsed.Reference(context)}: "
                    + $"{string.Join(", ", unused.Select(a => $"`{a}`"))}. Score = round(100 × {unused.Count} / {HighRisk.Count}) = {score.ToString(CultureInfo.InvariantCulture)}."
                    + (recentlyUsed.Count > 0 ? $" Services used recently: {string.Join(", ", recentlyUsed.Order(StringComparer.Ordinal).Select(s => $"`{s}`"))}." : string.Empty)
                    + (unknown.Count > 0
                        ? $" Not counted: {string.Join(", ", unknown.Select(a => $"`{a}`"))}, whose services the service last accessed data does not list"
                            + (report.IsTruncated ? " (the job's list was cut off, `IsTruncated`: services on later pages were not examined)" : string.Empty)
                            + ", so whether they are used is unknown."
                        : report.IsTruncated ? " The job's list was cut off (`IsTruncated`): services on later pages were not examined." : string.Empty)
                    + (undecided.Count > 0
                        ? $" Not decided: {string.Join(", ", undecided.Select(a => $"`{a}`"))}, whose services have no use recorded in IAM's {IamTracking.Days.ToString(CultureInfo.InvariantCulture)}-day tracking period, shorter than the threshold."
                        : string.Empty),
                Remediation = IdentityCenterRoles.Of(context, report.PrincipalArn) is { } identityCenterRole ? IdentityCenterRoles.NarrowPermissionSet(context, identityCenterRole) : Metadata.Remediation,
                References = IdentityCenterRoles.Of(context, report.PrincipalArn) is null ? Metadata.References : [.. Metadata.References, .. IdentityCenterRoles.References],
                Fingerprint = Finding.FingerprintOf(Metadata.Id, report.PrincipalArn),
            };
        }
    }

    private static string ServiceOf(string action) => action[..action.IndexOf(':', StringComparison.Ordinal)];

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        // Above IAM's tracking period, services with no recorded use are not counted: a principal whose score they alone
        // would have made is not reported at all, so the scan says so.
        if (!IamTracking.NoUseCovers(context.Settings.UnusedDays))
        {
            var untracked = context.Estate.Accounts.SelectMany(a => a.ServiceLastAccessed)
                .Where(r => r.Services.Any(s => s.LastUsed.State is UseState.Never or UseState.BeforeTracking))
                .Select(r => r.PrincipalArn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (untracked.Count > 0)
            {
                yield return new SkippedAnalysis(
                    $"{Metadata.Id} for the services with no use recorded in IAM's tracking period of {untracked.Count} principal{(untracked.Count == 1 ? string.Empty : "s")}",
                    $"not decided: no recorded use says only that a service was not called in the {Elapsed.Days(IamTracking.Days)} IAM tracks, and --unused-days ({Elapsed.Days(context.Settings.UnusedDays)}) reaches before that, so those services are not counted as unused (a principal whose score only they would make is not reported; use --unused-days {IamTracking.Days.ToString(CultureInfo.InvariantCulture)} or less to count them): {string.Join(", ", untracked)}");
            }
        }

        foreach (var account in context.Estate.Accounts.Where(a => !a.ServiceLastAccessed.IsEmpty))
        {
            var covered = account.ServiceLastAccessed.Select(r => r.PrincipalArn).ToHashSet(StringComparer.Ordinal);
            var missing = account.Users.Select(u => u.Arn).Concat(account.Roles.Where(r => !r.IsServiceLinked).Select(r => r.Arn)).Count(arn => !covered.Contains(arn));
            if (missing > 0)
            {
                yield return new SkippedAnalysis(
                    $"{Metadata.Id} for {missing} other principal{(missing == 1 ? string.Empty : "s")} of account {account.Id}",
                    "scores need service last accessed data, given only for some principals of the account");
            }
        }
    }
}
