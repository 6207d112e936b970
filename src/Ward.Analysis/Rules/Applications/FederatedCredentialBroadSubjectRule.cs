using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Federation;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// <c>federated-credential-broad-subject</c>: a federated identity credential of an application or of a user-assigned
/// managed identity that accepts more than one workload: GitHub Actions pull requests, a whole repository or organization, or a flexible credential whose
/// expression puts a wildcard in the subject.
/// </summary>
public sealed class FederatedCredentialBroadSubjectRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "federated-credential-broad-subject",
        "Federated credential accepts too many workloads",
        "trust",
        Severity.Medium,
        "A federated identity credential lets workloads of an external issuer (GitHub Actions, GitLab, Terraform Cloud, a Kubernetes cluster) sign in as the application, or as the user-assigned managed identity, without a secret, when their token's subject matches. A plain subject is compared exactly (a `*` in it is literal, so `repo:org/*` matches no token and is not reported), so it is broad only when the exact value names no single workload: a GitHub Actions subject for pull requests (`repo:org/repo:pull_request`, code nobody has reviewed yet), for a whole repository (a customized subject without environment or branch), or for a whole organization (`repository_owner:org…` without a repository). A flexible credential (`claimsMatchingExpression`) is broad where its `matches` pattern has a wildcard. Critical when any owner's workloads match (the issuer is public), high for every repository or project of one owner, medium for every run of one repository; one level higher when the application's service principal or the identity holds a high-risk application permission or an administrator role. An exact environment, branch or tag (`repo:org/repo:environment:production`) is not reported.",
        "Pin the credential to one workload: for GitHub Actions, a deployment environment with protection rules (`repo:org/repo:environment:production`) or a protected branch (`repo:org/repo:ref:refs/heads/main`), never `pull_request`; in a flexible credential, no wildcard in the owner or repository, and only where several branches truly need the same access. Give each workload its own application or identity with only the access it needs.",
        ["entra", "azure"],
        ["https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations", "https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials", "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        foreach (var holder in FederatedCredentialHolders.Of(microsoft.Directory, microsoft.Azure))
        {
            foreach (var credential in holder.Credentials)
            {
                if (FederatedSubjects.Judge(credential) is not { } verdict)
                {
                    continue;
                }

                var isApplication = holder.Kind == FederatedCredentialHolderKind.Application;
                var servicePrincipal = holder.ServicePrincipalId is { } id ? microsoft.Directory.FindServicePrincipal(id) : null;
                var holdings = ServicePrincipalHoldings.Of(microsoft, holder.ServicePrincipalId);
                var severity = verdict.Breadth switch
                {
                    SubjectBreadth.Anyone => Severity.Critical,
                    SubjectBreadth.Owner => Severity.High,
                    _ => Severity.Medium,
                };
                var label = credential.Name ?? credential.Id ?? credential.Subject ?? credential.ClaimsMatchingExpression!;
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = holdings.IsPowerful && severity < Severity.Critical ? severity + 1 : severity,
                    Provider = isApplication ? "entra" : "azure",
                    Account = microsoft.TenantId,
                    Principal = isApplication ? holder.Id : holder.ServicePrincipalId ?? holder.Id,
                    PrincipalName = holder.DisplayName,
                    Title = $"Federated credential `{label}` of `{holder.Name}` accepts {verdict.Brief}",
                    Explanation = $"The federated identity credential `{label}` of {holder.Described} trusts tokens of `{credential.Issuer}` "
                        + (credential.ClaimsMatchingExpression is { } expression ? $"whose claims match the expression `{expression}`" : $"whose subject is `{credential.Subject}`")
                        + (credential.Audiences.IsEmpty ? string.Empty : $" and audience is {string.Join(" or ", credential.Audiences.Select(a => $"`{a}`"))}")
                        + $". It accepts {verdict.Accepts}. "
                        + (verdict.Breadth >= SubjectBreadth.Owner ? $"{FederatedSubjects.Issuers(credential.Issuer)} " : string.Empty)
                        + SignsInAs(holder, servicePrincipal, holdings),
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, holder.Id, credential.Id ?? label),
                };
            }
        }
    }

    /// <summary>Who signs in with the credential, and what it holds.</summary>
    private static string SignsInAs(FederatedCredentialHolder holder, EntraServicePrincipal? servicePrincipal, ServicePrincipalHoldings holdings) =>
        (holder.Kind, holder.ServicePrincipalId) switch
        {
            (FederatedCredentialHolderKind.Application, null) => "The application has no service principal in this tenant.",
            (FederatedCredentialHolderKind.Application, var id) => holdings.Sentence($"Its service principal `{servicePrincipal?.DisplayName ?? id}`"),
            (_, null) => "The exports do not give the identity's service principal (its `principalId`): what it holds is not known.",
            (_, var id) => holdings.Sentence($"The identity (service principal `{id}`)"),
        };

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var applications = microsoft.Directory.Applications;
        var unexported = applications.Count(a => a.FederatedIdentityCredentials is null);
        if (unexported > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {unexported} application{(unexported == 1 ? string.Empty : "s")}",
                "their federated identity credentials were not exported (GET /applications/{id}/federatedIdentityCredentials, or $expand=federatedIdentityCredentials)");
        }

        var identities = microsoft.Azure.ResourcesOfType(AzureResourceTypes.UserAssignedIdentity).Count();
        if (identities > 0 && microsoft.Azure.FederatedCredentials.IsEmpty)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {identities} user-assigned identit{(identities == 1 ? "y" : "ies")}",
                "no federated credential of a user-assigned identity is in the inputs: either none has any, or they were not exported (az identity federated-credential list, for each identity)");
        }

        var unreadable = applications.SelectMany(a => a.FederatedIdentityCredentials ?? []).Concat(microsoft.Azure.FederatedCredentials.Select(c => c.Credential)).Count(FederatedSubjects.IsUnreadable);
        if (unreadable > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {unreadable} flexible federated credential{(unreadable == 1 ? string.Empty : "s")}",
                "their claimsMatchingExpression has no clause of the form claims['…'] matches|eq '…' that Ward can read");
        }
    }
}
