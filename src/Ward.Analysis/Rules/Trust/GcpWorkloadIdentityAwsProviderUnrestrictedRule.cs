using System.Collections.Immutable;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Analysis.Rules.Trust;

/// <summary>
/// <c>gcp-workload-identity-aws-provider-unrestricted</c>: an active AWS provider of an active workload identity pool
/// accepts every IAM user, role and role session of its AWS account (no attribute condition names the caller's ARN,
/// directly or through an attribute mapped from it), and some allow policy grants a role to pool identities that are
/// not narrowed to one role either (the whole pool, or a set by an attribute not mapped from the ARN). High when such a
/// role changes access or acts as a service account (a basic role, setIamPolicy, token creation, Workload Identity
/// User), medium otherwise. Bindings to <c>…/attribute.aws_role/ROLE_ARN</c> or <c>…/subject/ARN</c> restrict as much
/// as a condition does, and are not reported.
/// </summary>
public sealed class GcpWorkloadIdentityAwsProviderUnrestrictedRule : IRule
{
    /// <summary>What Google maps when an AWS provider sets no attribute mapping of its own.</summary>
    private static readonly ImmutableDictionary<string, string> DefaultAwsMapping = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["google.subject"] = "assertion.arn",
        ["attribute.aws_role"] = "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn",
    });

    public RuleMetadata Metadata { get; } = new(
        "gcp-workload-identity-aws-provider-unrestricted",
        "AWS workload identity provider open to every principal of the account",
        "trust",
        Severity.High,
        "An AWS provider of a workload identity pool accepts a signed GetCallerIdentity request from any IAM user, role or role session of its AWS account, unless its attribute condition says which. Without a condition on the caller's ARN, and with roles granted to the whole pool (or to sets that are not one AWS role), every principal of that account (an EC2 instance's role, a Lambda function's, a developer's user, a vendor's cross-account role) gets the pool's access in Google Cloud.",
        "Add an attribute condition naming the AWS roles that may federate, e.g. `attribute.aws_role == 'arn:aws:sts::ACCOUNT:assumed-role/ROLE'` with the default mapping, and grant roles to `principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.aws_role/arn:aws:sts::ACCOUNT:assumed-role/ROLE` rather than to the whole pool (`…/POOL/*`).",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds", "https://cloud.google.com/iam/docs/best-practices-for-using-workload-identity-federation", "https://cloud.google.com/iam/docs/workload-identity-federation#conditions"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var estate = gcp.Estate;
        foreach (var provider in estate.WorkloadIdentityProviders.Where(p => p.IsActive && p.AwsAccountId is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (estate.WorkloadIdentityPools.FirstOrDefault(p => p.Name == provider.PoolName) is { IsActive: false })
            {
                continue;
            }

            var mapping = provider.AttributeMapping.IsEmpty ? DefaultAwsMapping : provider.AttributeMapping;
            // `assertion['arn']` is `assertion.arn`: conditions and mappings are read in the dotted form.
            var fromArn = mapping.Where(m => CelFieldAccess.Dotted(m.Value).Contains("assertion.arn", StringComparison.Ordinal)).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            var condition = provider.AttributeCondition;
            if (!string.IsNullOrWhiteSpace(condition) && CelFieldAccess.Dotted(condition) is var dotted && fromArn.Append("assertion.arn").Any(n => dotted.Contains(n, StringComparison.Ordinal)))
            {
                continue;
            }

            var pool = WorkloadIdentityPoolBindings.Of(estate, provider).Where(b => gcp.ExpiredCondition(b.Binding) is null).ToList();
            var broad = pool.Where(b => !NarrowedToOneRole(provider, b.Member, fromArn)).ToList();
            if (broad.Count == 0)
            {
                continue;
            }

            var control = broad.Select(b => b.Binding.Role).Distinct(StringComparer.Ordinal).Where(r => GcpRoles.IsBasic(r) || GcpRoles.ControlOf(estate.FindRole(r)) is { Count: > 0 }).ToList();
            var grants = broad.Select(b => $"`{b.Binding.Role}` on `{gcp.ResourceLabel(b.Policy.Resource)}` (to `{b.Member.Text}`)").Distinct(StringComparer.Ordinal).ToList();
            var narrowed = pool.Count - broad.Count;
            var why = string.IsNullOrWhiteSpace(condition)
                ? "has no attribute condition"
                : $"has an attribute condition, `{condition}`, that does not look at the caller's ARN (`assertion.arn`{string.Concat(fromArn.Select(a => $", `{a}`"))})";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = control.Count > 0 ? Severity.High : Severity.Medium,
                Provider = "gcp",
                Account = provider.Name.Split('/') is ["projects", var project, ..] ? gcp.Label("projects/" + project) : null,
                Principal = "//iam.googleapis.com/" + provider.Name,
                Title = $"AWS provider `{provider.Name[(provider.Name.LastIndexOf('/') + 1)..]}` of pool `{provider.PoolId}` accepts every principal of AWS account {provider.AwsAccountId}",
                Explanation = $"Provider `{provider.Name}` trusts AWS account `{provider.AwsAccountId}` and {why}: any IAM user, role or role session of that account gets a federated token of the pool. "
                    + $"The pool's identities hold, not narrowed to one AWS role: {string.Join("; ", grants.Take(5))}{(grants.Count > 5 ? $" and {grants.Count - 5} more" : string.Empty)}."
                    + (control.Count > 0 ? $" {string.Join(", ", control.Select(r => $"`{r}`"))} can change access or act as a service account." : string.Empty)
                    + (narrowed > 0 ? $" {narrowed} other binding(s) name one AWS role and are not at issue." : string.Empty),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, provider.Name),
            };
        }
    }

    /// <summary>Whether a member of the pool is one caller or one role: a subject, or a set by an attribute, mapped from the caller's ARN.</summary>
    private static bool NarrowedToOneRole(WorkloadIdentityProvider provider, Member member, List<string> fromArn)
    {
        var selector = WorkloadIdentityPoolBindings.Selector(provider, member);
        var slash = selector.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == selector.Length - 1)
        {
            return false;
        }

        var attribute = selector[..slash] switch
        {
            "subject" => "google.subject",
            "group" => "google.groups",
            var named => named,
        };
        return fromArn.Contains(attribute, StringComparer.Ordinal);
    }
}
