using System.Globalization;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>unused-service-permissions</c>: from service last accessed data, the services a user's or role's policies allow
/// that it has not used for <c>--unused-days</c> days (never used counts once the principal is that old).
/// </summary>
public sealed class UnusedServicePermissionsRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "unused-service-permissions",
        "Permissions for services the principal does not use",
        "over-permissive",
        Severity.Low,
        "IAM's service last accessed data lists every service the principal's policies allow and when the principal last called it. Services it has not used for the threshold (default 90 days) are permissions it does not need: if its credentials are stolen, they are what the attacker gets for free.",
        "Remove the listed services' actions from the principal's policies (or from the group or managed policy that grants them, if no one else needs them). IAM Access Analyzer can generate a policy from the principal's CloudTrail activity. Re-run the export and the scan afterwards.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-view-data.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html"])
    {
        Requires = RuleInputs.ServiceLastAccessed,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var account in context.Estate.Accounts)
        {
            foreach (var report in account.ServiceLastAccessed.Where(r => !IsServiceLinked(r.PrincipalArn)).OrderBy(r => r.PrincipalArn, StringComparer.Ordinal))
            {
                var created = context.Estate.Users.GetValueOrDefault(report.PrincipalArn)?.Created ?? context.Estate.Roles.GetValueOrDefault(report.PrincipalArn)?.Created;
                if (created > reference)
                {
                    continue;
                }

                var oldEnough = created is not { } born || Elapsed.AtLeast(born, reference, days);
                var unused = new List<string>();
                var used = new List<string>();
                var undecided = new List<string>();
                foreach (var service in report.Services.OrderBy(s => s.Service, StringComparer.Ordinal))
                {
                    switch (service.LastUsed)
                    {
                        case { State: UseState.Recorded, At: { } at } when Elapsed.AtLeast(at, reference, days):
                            unused.Add($"`{service.Service}` ({Name(service)}last used {Elapsed.Ago(at, reference)})");
                            break;
                        case { State: UseState.Never or UseState.BeforeTracking } when oldEnough && !IamTracking.NoUseCovers(days):
                            // No use in IAM's 400-day tracking period says nothing of the days before it.
                            undecided.Add($"`{service.Service}`");
                            break;
                        case { State: UseState.Never or UseState.BeforeTracking } when oldEnough:
                            unused.Add($"`{service.Service}` ({Name(service)}no use recorded in IAM's 400-day tracking period)");
                            break;
                        case { State: UseState.Recorded }:
                            used.Add($"`{service.Service}`");
                            break;
                        default:
                            // Not used yet by a principal younger than the threshold, or a date that could not be read.
                            break;
                    }
                }

                if (unused.Count == 0)
                {
                    continue;
                }

                var label = report.PrincipalArn[(report.PrincipalArn.LastIndexOf('/') + 1)..];
                var iamCaveat = unused.Exists(u => u.StartsWith("`iam`", StringComparison.Ordinal))
                    ? " IAM is not called when a principal passes a role to a service (`iam:PassRole` is checked by the receiving service), so such use may not show under `iam`: keep `iam:PassRole` if the principal passes roles."
                    : string.Empty;
                var when = report.JobCompleted is { } completed ? $" (job completed {Elapsed.Day(completed)})" : string.Empty;
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = Severity.Low,
                    Provider = "aws",
                    Account = report.Account,
                    Principal = report.PrincipalArn,
                    Title = $"`{label}` has not used {unused.Count} of the {report.Services.Length} services its policies allow",
                    Explanation = $"Service last accessed data{when} lists {report.Services.Length} services that the policies of `{label}` allow. "
                        + $"{unused.Count.ToString(CultureInfo.InvariantCulture)} of them {(unused.Count == 1 ? "was" : "were")} not used in the {Elapsed.Days(days)} (--unused-days) before the {Elapsed.Reference(context)}: {string.Join(", ", unused)}."
                        + (used.Count > 0 ? $" Still in use: {string.Join(", ", used)}." : string.Empty)
                        + (undecided.Count > 0 ? $" Not decided: {string.Join(", ", undecided)}, with no use recorded in IAM's {IamTracking.Days.ToString(CultureInfo.InvariantCulture)}-day tracking period, shorter than the threshold." : string.Empty)
                        + (created is null ? " The principal's creation date is unknown (it is not in the authorization details)." : string.Empty)
                        + (report.IsTruncated ? " The job's list was cut off (`IsTruncated`): services on later pages were not examined." : string.Empty)
                        + iamCaveat,
                    Remediation = IdentityCenterRoles.Of(context, report.PrincipalArn) is { } identityCenterRole ? IdentityCenterRoles.NarrowPermissionSet(context, identityCenterRole) : Metadata.Remediation,
                    References = IdentityCenterRoles.Of(context, report.PrincipalArn) is null ? Metadata.References : [.. Metadata.References, .. IdentityCenterRoles.References],
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, report.PrincipalArn),
                };
            }
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        var serviceLinked = context.Estate.Accounts.SelectMany(a => a.ServiceLastAccessed).Where(r => IsServiceLinked(r.PrincipalArn)).ToList();
        if (serviceLinked.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {serviceLinked.Count} service-linked role{(serviceLinked.Count == 1 ? string.Empty : "s")}",
                $"left out by design: their policies belong to the AWS service and cannot be narrowed: {string.Join(", ", serviceLinked.Select(r => r.PrincipalArn))}");
        }

        foreach (var account in context.Estate.Accounts.Where(a => !a.ServiceLastAccessed.IsEmpty))
        {
            var covered = account.ServiceLastAccessed.Select(r => r.PrincipalArn).ToHashSet(StringComparer.Ordinal);
            var missing = account.Users.Select(u => u.Arn).Concat(account.Roles.Where(r => !r.IsServiceLinked).Select(r => r.Arn)).Count(arn => !covered.Contains(arn));
            if (missing > 0)
            {
                yield return new SkippedAnalysis(
                    $"{Metadata.Id} for {missing} other principal{(missing == 1 ? string.Empty : "s")} of account {account.Id}",
                    $"service last accessed data was given for {covered.Count} principal{(covered.Count == 1 ? string.Empty : "s")} of account {account.Id}, not for the other {missing} users and roles (service-linked roles aside)");
            }
        }

        // No recorded use covers only IAM's 400-day tracking period: with a longer threshold such services are not decided.
        if (!IamTracking.NoUseCovers(context.Settings.UnusedDays))
        {
            var undecided = context.Estate.Accounts.SelectMany(a => a.ServiceLastAccessed)
                .Where(r => !IsServiceLinked(r.PrincipalArn) && r.Services.Any(s => s.LastUsed.State is UseState.Never or UseState.BeforeTracking))
                .Where(r => (context.Estate.Users.GetValueOrDefault(r.PrincipalArn)?.Created ?? context.Estate.Roles.GetValueOrDefault(r.PrincipalArn)?.Created) is not { } born || Elapsed.AtLeast(born, context.ReferenceTime, context.Settings.UnusedDays))
                .Select(r => r.PrincipalArn)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (undecided.Count > 0)
            {
                yield return new SkippedAnalysis(
                    $"{Metadata.Id} for services with no recorded use of {undecided.Count} principal{(undecided.Count == 1 ? string.Empty : "s")}",
                    $"not decided: service last accessed data lists no use of them in IAM's {IamTracking.Days.ToString(CultureInfo.InvariantCulture)}-day tracking period, and --unused-days ({Elapsed.Days(context.Settings.UnusedDays)}) reaches before that, so whether they were used within the threshold is unknown (use --unused-days {IamTracking.Days.ToString(CultureInfo.InvariantCulture)} or less to judge them): {string.Join(", ", undecided)}");
            }
        }
    }

    /// <summary>Service-linked roles live under <c>/aws-service-role/</c>; their ARN carries the path.</summary>
    private static bool IsServiceLinked(string arn) => arn.Contains(":role/aws-service-role/", StringComparison.Ordinal);

    private static string Name(ServiceAccess service) => service.DisplayName is { } name ? $"{name}, " : string.Empty;
}
