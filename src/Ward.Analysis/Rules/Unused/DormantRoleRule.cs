using System.Globalization;
using Ward.Aws.Estate;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-role</c>: an IAM role last used <c>--unused-days</c> days or more before the reference time, or with no
/// recorded use (an explicit empty <c>RoleLastUsed</c>) and created at least that long ago. Service-linked roles are
/// left out (their service owns them), and so are roles whose last use the export does not give (listed as not decided).
/// </summary>
public sealed class DormantRoleRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "dormant-role",
        "Dormant IAM role",
        "dormant-identity",
        Severity.Low,
        "Nobody has assumed the role for the threshold (default 90 days), or ever since it was created. Its trust policy still lets its principals in, and its permissions stay: an unused role is attack surface with no benefit. IAM records a role's last use for 400 days.",
        "Ask the role's owner whether it is still needed. If not, delete it (detach its policies, delete inline policies and instance profiles first); if it is kept for rare use, narrow its trust policy and permissions.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var role in Roles(context).Where(r => !r.IsServiceLinked))
        {
            if (role.Created is { } born && born > reference)
            {
                continue;
            }

            string how;
            int idle;
            if (role.LastUsed is { State: UseState.Recorded, At: { } last })
            {
                if (!Elapsed.AtLeast(last, reference, days))
                {
                    continue;
                }

                idle = Elapsed.DaysBefore(last, reference);
                how = $"was last used {Elapsed.Ago(last, reference)}{(role.LastUsedRegion is { } region ? $" in {region}" : string.Empty)}"
                    + (role.Created is { } created ? $"; it was created {Elapsed.Ago(created, reference)}" : string.Empty);
            }
            else if (role.LastUsed.State == UseState.Never && role.Created is { } created && Elapsed.AtLeast(created, reference, days) && IamTracking.NoUseCovers(days))
            {
                idle = -1;
                how = $"has no recorded use (`RoleLastUsed` is empty: not used in IAM's 400-day tracking period, or never) and was created {Elapsed.Ago(created, reference)}";
            }
            else
            {
                continue;
            }

            var admin = Admins.IsAdminEquivalent(context, role.Arn);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = admin ? Severity.Medium : Severity.Low,
                Provider = "aws",
                Account = role.Account,
                Principal = role.Arn,
                Title = idle < 0 ? $"Role `{role.Name}` has no recorded use" : $"Role `{role.Name}` has not been used for {Elapsed.Days(idle)}",
                Explanation = $"Role `{role.Name}` {how}. "
                    + (admin ? "It is admin-equivalent: whoever its trust policy admits becomes administrator. " : string.Empty)
                    + $"Roles unused for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
                Remediation = role.IsIdentityCenterRole ? IdentityCenterRoles.RemoveAssignment(context, role) : Metadata.Remediation,
                References = role.IsIdentityCenterRole ? [.. Metadata.References, .. IdentityCenterRoles.References] : Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, role.Arn),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        var serviceLinked = Roles(context).Where(r => r.IsServiceLinked).ToList();
        if (serviceLinked.Count > 0)
        {
            var names = serviceLinked.GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Account))})");
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {serviceLinked.Count} service-linked role{(serviceLinked.Count == 1 ? string.Empty : "s")}",
                $"left out by design: an AWS service creates, uses and deletes its service-linked roles (path /aws-service-role/), so their use says nothing about your needs: {string.Join(", ", names)}");
        }

        // A role whose export has no RoleLastUsed, or an unreadable date in it (reported at load time), is neither
        // dormant nor in use as far as the export says.
        // Roles too young to be dormant are left out: their use does not matter yet.
        var unknown = Roles(context).Where(r => !r.IsServiceLinked && !r.LastUsed.IsKnown && (r.Created is not { } created || Elapsed.AtLeast(created, context.ReferenceTime, context.Settings.UnusedDays))).ToList();
        if (unknown.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {unknown.Count} role{(unknown.Count == 1 ? string.Empty : "s")} with no readable last use",
                $"not decided: the authorization details give no `RoleLastUsed` for them, or a `LastUsedDate` that could not be read (see the input diagnostics), so whether they were used is unknown (export them again with `aws iam get-account-authorization-details`): {string.Join(", ", unknown.Select(r => r.Arn))}");
        }

        // An empty RoleLastUsed is no use within IAM's 400-day tracking period: a longer threshold reaches before it,
        // where a use would not show, so a role created before the period is neither dormant nor in use.
        var beyond = IamTracking.NoUseCovers(context.Settings.UnusedDays)
            ? []
            : Roles(context).Where(r => !r.IsServiceLinked && r.LastUsed.State == UseState.Never && r.Created is { } created && Elapsed.AtLeast(created, context.ReferenceTime, context.Settings.UnusedDays)).ToList();
        if (beyond.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {beyond.Count} role{(beyond.Count == 1 ? string.Empty : "s")} with no use recorded in IAM's tracking period",
                $"not decided: their `RoleLastUsed` is empty, which says only that they were not used in the {Elapsed.Days(IamTracking.Days)} IAM tracks, and --unused-days ({Elapsed.Days(context.Settings.UnusedDays)}) reaches before that, so whether they were used within the threshold is unknown (use --unused-days {IamTracking.Days.ToString(CultureInfo.InvariantCulture)} or less to judge them): {string.Join(", ", beyond.Select(r => r.Arn))}");
        }
    }

    private static IEnumerable<IamRole> Roles(AnalysisContext context) =>
        context.Estate.Accounts.SelectMany(a => a.Roles).OrderBy(r => r.Arn, StringComparer.Ordinal);
}
