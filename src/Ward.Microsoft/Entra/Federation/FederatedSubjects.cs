using System.Text.RegularExpressions;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Federation;

/// <summary>
/// Which workloads a federated identity credential accepts. A <c>subject</c> is compared with the token's <c>sub</c>
/// exactly (a <c>*</c> in it is a literal character), so it is broad only when the exact value names no single
/// workload: GitHub Actions subjects for pull requests, for a whole repository, or (with a customized subject
/// template) for a whole organization; one naming an owner or repository with a <c>*</c> matches no token at all. A flexible credential's <c>claimsMatchingExpression</c> (<c>claims['sub']
/// matches '…'</c>, clauses joined by <c>and</c>) is broad where its <c>matches</c> patterns put a wildcard:
/// in the owner, the repository or project, or only in the branch, environment or run phase.
/// </summary>
public static partial class FederatedSubjects
{
    private const string GitHubIssuer = "https://token.actions.githubusercontent.com";
    private const string GitLabIssuer = "https://gitlab.com";
    private const string TerraformIssuer = "https://app.terraform.io";

    /// <summary>The verdict on a credential: null when it accepts one workload, or when its expression cannot be read (see <see cref="IsUnreadable"/>).</summary>
    public static SubjectVerdict? Judge(FederatedIdentityCredential credential)
    {
        var verdict = credential.ClaimsMatchingExpression is { } expression ? JudgeExpression(credential.Issuer, expression)
            : credential.Subject is { } subject ? JudgeSubject(credential.Issuer, subject, wildcards: false)
            : null;
        return verdict is { Breadth: > SubjectBreadth.Pinned } ? verdict : null;
    }

    /// <summary>A flexible credential whose expression has no clause Ward can read.</summary>
    public static bool IsUnreadable(FederatedIdentityCredential credential) =>
        credential.ClaimsMatchingExpression is { } expression && Clauses(expression).Count == 0;

    /// <summary>Who can obtain tokens of the issuer, for the explanation.</summary>
    public static string Issuers(string issuer) => issuer.TrimEnd('/') switch
    {
        GitHubIssuer => "Anyone can create a GitHub repository and have its workflows request tokens from this issuer: only the subject keeps other repositories out.",
        _ when IsGitHub(issuer) => "This issuer (an enterprise's own GitHub Actions issuer) serves the enterprise's repositories: only the subject keeps the others out.",
        GitLabIssuer => "Anyone can create a GitLab.com project and have its pipelines request tokens from this issuer: only the subject keeps other projects out.",
        TerraformIssuer => "Anyone can create a Terraform Cloud organization and have its runs request tokens from this issuer: only the subject keeps other organizations out.",
        _ => "Every workload the issuer vouches for with a matching subject signs in with it.",
    };

    /// <summary>
    /// Whether anyone may run workloads the issuer vouches for: GitHub Actions' public issuer, GitLab.com and HCP
    /// Terraform, where anybody creates a repository, project or organization (not an enterprise's own GitHub issuer,
    /// nor a cluster's or a self-hosted one).
    /// </summary>
    public static bool IsOpenToAnyone(string issuer) => issuer.TrimEnd('/').ToLowerInvariant() is GitHubIssuer or GitLabIssuer or TerraformIssuer;

    private static SubjectVerdict? JudgeExpression(string issuer, string expression)
    {
        var clauses = Clauses(expression);
        var subjects = clauses.Where(c => string.Equals(c.Claim, "sub", StringComparison.Ordinal))
            .Select(c => JudgeSubject(issuer, c.Value, wildcards: string.Equals(c.Operator, "matches", StringComparison.Ordinal)))
            .ToList();
        if (clauses.Count == 0)
        {
            return null;
        }

        if (subjects.Count == 0)
        {
            return new SubjectVerdict(SubjectBreadth.Owner, "any subject", $"any subject: the expression constrains only {string.Join(" and ", clauses.Select(c => $"`{c.Claim}`"))}, which Ward does not judge");
        }

        // Clauses are joined by `and`: the narrowest one bounds what the whole expression accepts.
        return subjects.MinBy(s => s.Breadth);
    }

    private static SubjectVerdict JudgeSubject(string issuer, string subject, bool wildcards)
    {
        if (IsGitHub(issuer))
        {
            return GitHub(subject, wildcards, EnterpriseOf(issuer));
        }

        if (!wildcards || !HasWildcard(subject))
        {
            return new SubjectVerdict(SubjectBreadth.Pinned, $"`{subject}`", $"`{subject}`");
        }

        if (subject.StartsWith("system:serviceaccount:", StringComparison.Ordinal))
        {
            var @namespace = subject.Split(':')[2];
            return HasWildcard(@namespace)
                ? new SubjectVerdict(SubjectBreadth.Owner, "service accounts of every namespace", $"the Kubernetes service accounts of every namespace matching `{subject}`")
                : new SubjectVerdict(SubjectBreadth.Repository, $"every service account of namespace `{@namespace}`", $"every Kubernetes service account of namespace `{@namespace}` matching `{subject}`");
        }

        var pairs = Pairs(subject);
        var wildKey = pairs.FindIndex(p => HasWildcard(p.Key) || (p.Value is not null && HasWildcard(p.Value)));
        var (key, value) = pairs[wildKey];
        var group = value is null ? string.Empty : value[..Math.Max(value.LastIndexOf('/'), 0)];
        // GitLab.com and HCP Terraform serve anyone; a self-managed GitLab or Terraform Enterprise host only its own users.
        var host = issuer.TrimEnd('/');
        var gitLab = string.Equals(host, GitLabIssuer, StringComparison.OrdinalIgnoreCase) ? "GitLab.com project" : $"project of the GitLab instance {host}";
        var terraform = string.Equals(host, TerraformIssuer, StringComparison.OrdinalIgnoreCase) ? "Terraform Cloud organization" : $"organization of the Terraform Enterprise instance {host}";
        return key switch
        {
            "project_path" when group.Length == 0 || HasWildcard(group.Split('/')[0]) => new SubjectVerdict(SubjectBreadth.Anyone, $"any {gitLab}", $"the pipelines of any {gitLab}, of any group, matching `{subject}`"),
            "project_path" => new SubjectVerdict(SubjectBreadth.Owner, $"every project of `{group}`", $"the pipelines of every project of `{group}` matching `{subject}`"),
            "organization" => new SubjectVerdict(SubjectBreadth.Anyone, $"any {terraform}", $"the runs of any {terraform} matching `{subject}`"),
            "project" or "workspace" => new SubjectVerdict(SubjectBreadth.Owner, $"every workspace of `{Value(pairs, "organization")}`", $"the runs of every workspace of organization `{Value(pairs, "organization")}` matching `{subject}`"),
            _ when wildKey == 0 => new SubjectVerdict(SubjectBreadth.Anyone, $"every subject matching `{subject}`", $"every subject matching `{subject}`"),
            _ => new SubjectVerdict(SubjectBreadth.Repository, $"every subject matching `{subject}`", $"every subject matching `{subject}`"),
        };
    }

    /// <summary>
    /// GitHub Actions subjects: <c>repo:OWNER/REPO:</c> followed by the run's context (<c>environment:NAME</c>,
    /// <c>ref:refs/heads/BRANCH</c>, <c>ref:refs/tags/TAG</c>, <c>pull_request</c>), or, with a customized template,
    /// other claims as <c>key:value</c> pairs (<c>repository_owner</c>, <c>repository_id</c>, <c>job_workflow_ref</c> …).
    /// </summary>
    /// <remarks>
    /// An enterprise's own issuer (<c>https://token.actions.githubusercontent.com/ENTERPRISE</c>) gives tokens only to
    /// the enterprise's workflows, so a pattern of any owner there lets in that enterprise's repositories, not anyone's.
    /// </remarks>
    private static SubjectVerdict GitHub(string subject, bool wildcards, string? enterprise)
    {
        bool Wild(string? text) => wildcards && text is not null && HasWildcard(text);
        var pairs = Pairs(subject);
        var pullRequest = pairs.Exists(p => string.Equals(p.Key, "pull_request", StringComparison.Ordinal));
        var repository = Value(pairs, "repo") ?? Value(pairs, "repository");
        var slash = repository?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var owner = slash > 0 ? repository![..slash] : Value(pairs, "repository_owner") ?? Value(pairs, "repository_owner_id");
        var repositoryId = Value(pairs, "repository_id");
        var ownerPinned = (owner is not null && !Wild(owner)) || (repositoryId is not null && !Wild(repositoryId));
        var repositoryPinned = (slash > 0 && !Wild(repository)) || (repositoryId is not null && !Wild(repositoryId));
        var context = pairs.FirstOrDefault(p => p.Key is "environment" or "ref" or "job_workflow_ref");
        var contextPinned = context.Key is not null && !Wild(context.Value) && !pairs.Exists(p => Wild(p.Key));
        var what = wildcards && HasWildcard(subject) ? $"matching `{subject}`" : $"(subject `{subject}`)";
        var repositoryName = repository ?? $"repository id {repositoryId}";

        // Compared exactly, a `*` or `?` in the owner or repository is that character, which no GitHub owner or
        // repository name (nor id) holds: `repo:org/*` matches no token, not every repository.
        if (!wildcards && new[] { owner, repository, repositoryId }.Any(name => name is not null && HasWildcard(name)))
        {
            return new SubjectVerdict(SubjectBreadth.Nothing, "no token", $"no token: GitHub has no owner or repository named as `{subject}` says, and a plain subject is no pattern");
        }

        if (!ownerPinned)
        {
            return enterprise is null
                ? new SubjectVerdict(SubjectBreadth.Anyone, "workflows of any GitHub repository", $"the workflows of any GitHub repository, of any owner, {what}")
                : new SubjectVerdict(SubjectBreadth.Owner, $"workflows of any repository of the GitHub enterprise `{enterprise}`", $"the workflows of any repository of the GitHub enterprise `{enterprise}` (its own issuer serves no other), of any owner in it, {what}");
        }

        if (!repositoryPinned)
        {
            return new SubjectVerdict(SubjectBreadth.Owner, $"every repository of `{owner}`", $"the workflows of every repository of `{owner}` {what}");
        }

        if (pullRequest)
        {
            return new SubjectVerdict(SubjectBreadth.Repository, $"pull requests of `{repositoryName}`", $"every pull request workflow of `{repositoryName}` {what}: code proposed in a pull request, before anyone reviews it");
        }

        return contextPinned
            ? new SubjectVerdict(SubjectBreadth.Pinned, $"`{subject}`", $"`{subject}`")
            : new SubjectVerdict(SubjectBreadth.Repository, $"every workflow of `{repositoryName}`", wildcards && HasWildcard(subject)
                ? $"every workflow of `{repositoryName}` {what}: every branch, tag, environment or pull request the pattern covers"
                : $"every workflow of `{repositoryName}` {what}, whatever branch, tag, environment or pull request it runs for");
    }

    /// <summary>The enterprise slug of an enterprise's own GitHub Actions issuer; null for the public issuer.</summary>
    private static string? EnterpriseOf(string issuer) =>
        issuer.TrimEnd('/') is var trimmed && trimmed.Length > GitHubIssuer.Length + 1 && trimmed.StartsWith(GitHubIssuer + "/", StringComparison.OrdinalIgnoreCase)
            ? trimmed[(GitHubIssuer.Length + 1)..]
            : null;

    private static bool IsGitHub(string issuer) =>
        string.Equals(issuer.TrimEnd('/'), GitHubIssuer, StringComparison.OrdinalIgnoreCase)
        || issuer.StartsWith(GitHubIssuer + "/", StringComparison.OrdinalIgnoreCase);

    private static bool HasWildcard(string text) => text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal);

    /// <summary><c>key:value</c> pairs of a colon-separated subject; a bare <c>pull_request</c> is a key without a value.</summary>
    private static List<(string Key, string? Value)> Pairs(string subject)
    {
        var tokens = subject.Split(':');
        var pairs = new List<(string Key, string? Value)>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (string.Equals(tokens[i], "pull_request", StringComparison.Ordinal) || i + 1 == tokens.Length)
            {
                pairs.Add((tokens[i], null));
            }
            else
            {
                pairs.Add((tokens[i], tokens[i + 1]));
                i++;
            }
        }

        return pairs;
    }

    private static string? Value(List<(string Key, string? Value)> pairs, string key) =>
        pairs.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal)).Value;

    private static List<(string Claim, string Operator, string Value)> Clauses(string expression) =>
        [.. ClausePattern().Matches(expression).Select(m => (m.Groups["claim"].Value, m.Groups["op"].Value, m.Groups["value"].Value))];

    [GeneratedRegex(@"claims\[\s*'(?<claim>[^']+)'\s*\]\s+(?<op>matches|eq)\s+'(?<value>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();
}
