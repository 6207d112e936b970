using System.Collections.Immutable;
using System.Globalization;
using Ward.Aws.Estate;
using Ward.Aws.Resources;

namespace Ward.Analysis;

/// <summary>
/// What the inputs let a scan cover: the analyses that cannot run for an account because an input is missing, and
/// notes on the inputs that qualify the findings (when a credential report was generated, whether it is stale).
/// </summary>
internal static class InputCoverage
{
    /// <summary>One entry per account and missing input, naming the rules that need it.</summary>
    public static IEnumerable<SkippedAnalysis> Missing(AwsEstate estate, IReadOnlyList<IRule> rules)
    {
        var inputs = new (RuleInputs Input, Func<AwsAccount, bool> Has, Func<string, string> Reason)[]
        {
            (RuleInputs.CredentialReport, a => a.CredentialReport is not null, account => NotRead(account, "credential report", "`aws iam get-credential-report`")),
            (RuleInputs.ServiceLastAccessed, a => !a.ServiceLastAccessed.IsEmpty, account => NotRead(account, "service last accessed data", "`aws iam generate-service-last-accessed-details` and `get-service-last-accessed-details`")),

            // An account without a report is listed above; one whose report lacks the root user's line, here.
            (RuleInputs.RootUserLine, a => a.CredentialReport is not { Root: null }, account => $"the credential report of account {account} has no usable `<root_account>` line (IAM always writes one: it was removed, or skipped as malformed; see the input diagnostics), so the root user's password, MFA and access keys are unknown and these findings are not reported for it (export the report again with `aws iam get-credential-report`)"),
        };
        foreach (var (input, has, reason) in inputs)
        {
            var needing = rules.Where(r => r.Metadata.Requires.HasFlag(input)).Select(r => r.Metadata.Id).ToList();
            if (needing.Count == 0)
            {
                continue;
            }

            foreach (var account in estate.Accounts.Where(a => !has(a)))
            {
                yield return new SkippedAnalysis($"{string.Join(", ", needing)} in account {account.Id}", reason(account.Id));
            }
        }
    }

    /// <summary>One entry naming the rules that need the tenant's authorization policy, when an Entra ID export lacks it.</summary>
    public static IEnumerable<SkippedAnalysis> MissingEntra(MicrosoftAnalysisContext? microsoft, IReadOnlyList<IRule> rules)
    {
        // An Azure-only export has no tenant settings to miss.
        if (microsoft is not { Directory: { IsEmpty: false, AuthorizationPolicy: null } directory })
        {
            yield break;
        }

        var needing = rules.Where(r => r.Metadata.Requires.HasFlag(RuleInputs.EntraAuthorizationPolicy)).Select(r => r.Metadata.Id).ToList();
        if (needing.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{string.Join(", ", needing)} in tenant {directory.TenantId ?? "(unknown)"}",
                "the tenant's authorization policy was not exported (`GET /policies/authorizationPolicy`, Policy.Read.All; scripts/export-entra.sh saves it as authorization-policy.json), so whether users may consent to applications, register applications or create tenants, and what guests may read and who may invite them, is unknown");
        }
    }

    /// <summary>
    /// One entry per account (exported, or owning an exported bucket policy) whose S3 settings file is missing: without
    /// it, Block Public Access and bucket ACLs are not applied.
    /// </summary>
    public static IEnumerable<SkippedAnalysis> MissingS3Settings(AwsEstate estate) =>
        estate.Accounts.Select(a => a.Id)
            .Concat(estate.ResourcePolicies.Values.Where(r => r.Type == "AWS::S3::Bucket").Select(r => r.Account))
            .Where(account => !estate.S3Accounts.ContainsKey(account))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(account => new SkippedAnalysis(
                $"S3 Block Public Access and bucket ACLs in account {account}",
                $"no s3-buckets file was given for account {account}: Block Public Access settings and bucket ACLs are not known, so a bucket whose public policy RestrictPublicBuckets neutralises is still reported public, and buckets made public by an ACL are not reported (export them with scripts/export-aws.sh; see docs/formats/aws.md)"));

    public static ImmutableArray<string> Notes(AwsEstate estate, DateTimeOffset reference, AnalysisSettings settings)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var account in estate.Accounts)
        {
            if (account.CredentialReport is { } report)
            {
                notes.Add(CredentialReportNote(report, reference, settings));
            }

            if (!account.ServiceLastAccessed.IsEmpty)
            {
                notes.Add(ServiceLastAccessedNote(account, reference, settings));
            }

            if (AuthorizationDetailsNote(account, reference, settings) is { } authorizationDetails)
            {
                notes.Add(authorizationDetails);
            }
        }

        foreach (var bucket in estate.S3Access.Values.OrderBy(b => b.Arn, StringComparer.Ordinal))
        {
            if (bucket.PublicPolicyRestriction is { } restriction)
            {
                notes.Add($"{restriction}: the policy reaches no anonymous caller and no other account, so the bucket is not reported as public.");
            }

            if (bucket.AclNote is { } acl)
            {
                notes.Add($"Bucket `{bucket.Name}` (account {bucket.Account}): {acl}, so they are not reported.");
            }
        }

        foreach (var accessPoint in estate.S3AccessPoints.Values.OrderBy(a => a.Arn, StringComparer.Ordinal))
        {
            if (estate.ResourcePolicies.GetValueOrDefault(accessPoint.Arn) is not { } policy || !S3PublicPolicy.IsPublic(policy.Document))
            {
                continue;
            }

            if (accessPoint.IsVpcOnly)
            {
                notes.Add($"Access point `{accessPoint.Name}` (account {accessPoint.Account}) has network origin VPC (`{accessPoint.VpcId}`): S3 takes no request through it from anywhere else, so its public policy is not reported.");
            }
            else if (S3AccessPointAccess.Of(estate, accessPoint).AccessPointRestriction is { } restriction)
            {
                notes.Add($"{restriction}: the policy reaches no anonymous caller and no other account, so the access point is not reported as public.");
            }
        }

        return notes.ToImmutable();
    }

    private static string CredentialReportNote(CredentialReport report, DateTimeOffset reference, AnalysisSettings settings)
    {
        var subject = $"The credential report of account {report.Account}";
        if (report.GeneratedTime is { } generated)
        {
            return $"{subject} was generated {Timestamp(generated)}{Staleness(generated, reference, settings, "it")}";
        }

        var newest = report.NewestTimestamp is { } at ? $"; its newest timestamp is {Timestamp(at)}" : string.Empty;
        var stale = report.NewestTimestamp switch
        {
            { } last when last > reference => ", after the reference time: the report was generated after it, so use recorded after the reference time counts as recent, and credentials created after it are ignored",
            { } last when reference - last >= TimeSpan.FromDays(settings.StaleInputDays) => $", {Days(last, reference)} before the reference time: if the report is that old, later use is not in it and unused or dormant findings may no longer hold",
            _ => string.Empty,
        };
        return $"{subject} is the decoded CSV, which does not say when it was generated{newest}{stale}.";
    }

    /// <summary>
    /// The authorization details do not say when they were exported, but not before their newest timestamp (a role's
    /// last use, a user's last sign-in, an entity's creation): when even that is stale, dormant-role may no longer hold.
    /// </summary>
    private static string? AuthorizationDetailsNote(AwsAccount account, DateTimeOffset reference, AnalysisSettings settings)
    {
        var timestamps = account.Roles.SelectMany(r => new[] { r.Created, r.LastUsed.At })
            .Concat(account.Users.SelectMany(u => new[] { u.Created, u.PasswordLastUsed }))
            .OfType<DateTimeOffset>()
            .ToList();
        if (timestamps.Count == 0 || reference - timestamps.Max() < TimeSpan.FromDays(settings.StaleInputDays))
        {
            return null;
        }

        var newest = timestamps.Max();
        return $"The authorization details of account {account.Id} do not say when they were exported; their newest timestamp (a role's last use, a user's last sign-in or an entity's creation) is {Timestamp(newest)}, {Days(newest, reference)} before the reference time: if the export is that old, later role use is not in it and dormant-role findings may no longer hold (export it again).";
    }

    private static string ServiceLastAccessedNote(AwsAccount account, DateTimeOffset reference, AnalysisSettings settings)
    {
        var count = account.ServiceLastAccessed.Length;
        var completed = account.ServiceLastAccessed.Select(r => r.JobCompleted).OfType<DateTimeOffset>().ToList();
        var subject = $"Service last accessed data of {count} principal{(count == 1 ? string.Empty : "s")} of account {account.Id}";
        if (completed.Count == 0)
        {
            return $"{subject}: the jobs do not say when they completed.";
        }

        var oldest = completed.Min();
        var newest = completed.Max();
        var span = oldest == newest ? Timestamp(oldest) : $"between {Timestamp(oldest)} and {Timestamp(newest)}";
        return $"{subject}: jobs completed {span}{Staleness(oldest, reference, settings, "the oldest")}";
    }

    private static string Staleness(DateTimeOffset generated, DateTimeOffset reference, AnalysisSettings settings, string it)
    {
        if (generated > reference)
        {
            return $", after the reference time: use recorded after the reference time counts as recent, and credentials created after it are ignored.";
        }

        return reference - generated >= TimeSpan.FromDays(settings.StaleInputDays)
            ? $", {Days(generated, reference)} before the reference time: {it} is stale, use since then is not in it, and unused or dormant findings may no longer hold (export it again)."
            : ".";
    }

    private static string NotRead(string account, string what, string how) =>
        $"no usable {what} was read for account {account} (none was given, or the one given could not be used: see the input diagnostics), so these findings are not reported for it (export it with {how}; see docs/formats/aws.md)";

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Days(DateTimeOffset at, DateTimeOffset reference)
    {
        var days = (int)Math.Floor((reference - at).TotalDays);
        return days == 1 ? "1 day" : $"{days.ToString("N0", CultureInfo.InvariantCulture)} days";
    }
}
