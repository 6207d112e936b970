using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Analysis.Rules.Trust;

/// <summary>
/// <c>gcp-workload-identity-provider-unrestricted</c>: an active workload identity provider that trusts an issuer
/// shared by many tenants (GitHub Actions, GitLab.com, HCP Terraform, Google's own ID tokens) without an attribute
/// condition that pins the tenant (the repository owner, the GitLab namespace, the Terraform organization...). The
/// condition is decided over the tokens another customer can obtain (<see cref="OutsiderTokens"/>), mapped as the
/// provider maps them: one that lets some in is reported with the values that pass, one Ward cannot decide as possibly
/// open. Any workflow anywhere on that service then gets a federated token of the pool, and with it whatever the
/// pool's identities are granted. High when some allow policy binds the pool's identities, medium otherwise.
/// </summary>
public sealed class GcpWorkloadIdentityProviderUnrestrictedRule : IRule
{
    /// <summary>Issuers whose tokens any customer of the service can obtain, with what one token is called and the claims that tell customers apart.</summary>
    private static readonly (string Issuer, string Service, string Token, string[] PinningClaims)[] SharedIssuers =
    [
        ("https://token.actions.githubusercontent.com", "GitHub Actions", "GitHub Actions token", ["repository_owner", "repository_owner_id", "repository", "repository_id", "job_workflow_ref", "sub"]),
        ("https://gitlab.com", "GitLab.com CI/CD", "GitLab.com CI/CD token", ["namespace_id", "namespace_path", "project_id", "project_path", "sub"]),
        ("https://app.terraform.io", "HCP Terraform", "HCP Terraform token", ["terraform_organization_id", "terraform_organization_name", "sub"]),
        ("https://accounts.google.com", "Google ID tokens", "Google ID token", ["sub", "email", "azp", "hd"]),
    ];

    public RuleMetadata Metadata { get; } = new(
        "gcp-workload-identity-provider-unrestricted",
        "Workload identity provider open to every tenant of its issuer",
        "trust",
        Severity.High,
        "A workload identity provider trusts an issuer that serves many customers (GitHub Actions, GitLab.com, HCP Terraform, Google ID tokens) and has no attribute condition that pins yours, or one that a token of another customer meets. Any repository, project or organization on that service can exchange its token for a federated token of the pool, and use whatever the pool's identities are granted.",
        "Set an attribute condition that pins your tenant, e.g. `assertion.repository_owner_id == 'ID'` for GitHub (ids do not change hands when names do), `assertion.namespace_id == 'ID'` for GitLab, `assertion.terraform_organization_id == 'ID'` for HCP Terraform; then grant roles to narrow principal sets (`…/attribute.repository/OWNER/REPO`) rather than the whole pool.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines", "https://cloud.google.com/iam/docs/workload-identity-federation#conditions"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var estate = gcp.Estate;
        foreach (var provider in estate.WorkloadIdentityProviders.Where(p => p.IsActive).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (estate.WorkloadIdentityPools.FirstOrDefault(p => p.Name == provider.PoolName) is { IsActive: false })
            {
                continue;
            }

            var issuer = provider.IssuerUri?.TrimEnd('/');
            if (Array.Find(SharedIssuers, s => string.Equals(s.Issuer, issuer, StringComparison.OrdinalIgnoreCase)) is not { Issuer: not null } shared)
            {
                continue;
            }

            var pinned = PinningNames(provider, shared.PinningClaims);
            var condition = provider.AttributeCondition;
            var namesPinning = !string.IsNullOrWhiteSpace(condition) && CelFieldAccess.Dotted(condition) is var dotted && pinned.Exists(n => Names(dotted, n));
            var outsiders = string.IsNullOrWhiteSpace(condition) ? null : Decide(gcp, provider, condition);
            if (outsiders is { Open: false, Undecided: null, Possible: null } || (outsiders is null && namesPinning))
            {
                continue;
            }

            var bindings = BindingsOfPool(gcp, provider).ToList();
            var claims = string.Join(", ", shared.PinningClaims.Select(c => $"`{c}`"));
            var why = outsiders switch
            {
                null when string.IsNullOrWhiteSpace(condition) => "has no attribute condition",
                null => $"has an attribute condition, `{condition}`, that looks at none of the claims that tell {shared.Service} customers apart ({claims})",
                { Open: true } when !namesPinning => $"has an attribute condition, `{condition}`, that looks at none of the claims that tell {shared.Service} customers apart ({claims}); a token of another customer with {outsiders.Values} meets it",
                { Open: true } => $"has an attribute condition, `{condition}`, that a token of another {shared.Service} customer meets (one with {outsiders.Values})",
                { Possible: { } possible } => $"has an attribute condition, `{condition}`, that may accept tokens of other {shared.Service} customers: {possible} meets it (one with {outsiders.Values}), and Ward does not read whether another customer can obtain such a token{(outsiders.Undecided is null ? string.Empty : $"; nor could it decide the condition for other tokens ({outsiders.Undecided})")}",
                _ when !namesPinning => $"has an attribute condition, `{condition}`, that looks at none of the claims that tell {shared.Service} customers apart ({claims}), and that Ward could not decide for tokens of other customers ({outsiders.Undecided})",
                _ => $"has an attribute condition, `{condition}`, that may accept tokens of other {shared.Service} customers, as Ward could not decide it for them ({outsiders.Undecided})",
            };
            // "every" only for a condition that constrains nothing: none, or one every token tried meets, the tenant's own included.
            var accepts = outsiders switch
            {
                { Open: false } => $"may accept {shared.Token}s of other customers",
                { Every: false } => $"accepts {shared.Token}s of other customers",
                null when !string.IsNullOrWhiteSpace(condition) => $"accepts {shared.Token}s of other customers",
                _ => $"accepts every {shared.Token}",
            };
            var whoGetsIn = outsiders is { Open: false } ? $"a workflow of another {shared.Service} customer may get" : $"a workflow of any {shared.Service} customer gets";
            var granted = bindings.Count == 0
                ? "No exported allow policy binds the pool's identities yet; any binding added later is open to all of them."
                : $"The pool's identities hold: {string.Join("; ", bindings.Take(5))}{(bindings.Count > 5 ? $" and {bindings.Count - 5} more" : string.Empty)}.";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = bindings.Count == 0 ? Severity.Medium : Severity.High,
                Provider = "gcp",
                Account = ProjectOf(gcp, provider),
                Principal = "//iam.googleapis.com/" + provider.Name,
                Title = $"Workload identity provider `{provider.Name[(provider.Name.LastIndexOf('/') + 1)..]}` of pool `{provider.PoolId}` {accepts}",
                Explanation = $"Provider `{provider.Name}` trusts `{provider.IssuerUri}` ({shared.Service}, whose tokens any of its customers can obtain) and {why}: {whoGetsIn} a federated token of the pool. {granted}",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, provider.Name),
            };
        }
    }

    /// <summary>Past this many tokens Ward stops trying: a condition with many constants over many claims stays undecided.</summary>
    private const int MostTokensTried = 100_000;

    /// <summary>
    /// Whether a token of another customer of the issuer meets the provider's mapping and condition: the tokens of
    /// <see cref="OutsiderTokens"/>, each mapped and tested as Google does, until one is accepted. Null when the
    /// condition cannot be parsed (the load warned; the claims it names then decide, as before).
    /// </summary>
    private static Outsiders? Decide(GcpAnalysisContext gcp, WorkloadIdentityProvider provider, string condition)
    {
        var parsed = WorkloadIdentityCondition.Parse(condition, provider.AttributeMapping);
        if (parsed.ParseError is not null)
        {
            return null;
        }

        // The claims the condition reads, directly or through the attributes it reads.
        var dotted = CelFieldAccess.Dotted(condition);
        var mappings = provider.AttributeMapping.Where(m => Names(dotted, m.Key)).Select(m => CelFieldAccess.Dotted(m.Value)).ToList();
        bool Read(string claim) => Names(dotted, "assertion." + claim) || mappings.Exists(m => Names(m, "assertion." + claim));

        var audience = provider.AllowedAudiences.FirstOrDefault() ?? "https://iam.googleapis.com/" + provider.Name;
        var issuer = provider.IssuerUri!.TrimEnd('/');
        var undecided = new List<string>();
        (string Values, string Caveat)? possible = null;
        var tried = 0;
        foreach (var token in OutsiderTokens.Of(issuer, audience, parsed.StringLiterals, Read))
        {
            if (++tried > MostTokensTried)
            {
                undecided.Add($"Ward stopped after trying {MostTokensTried:N0} tokens, with more to try");
                break;
            }

            var result = parsed.Evaluate(token.Claims, gcp.ReferenceTime);
            if (result.Truth == ConditionTruth.True)
            {
                var values = token.Claims.Where(c => Read(c.Key) && c.Value is not null).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"`{c.Key}` {Show(c.Value!)}").ToList();
                var shown = values.Count == 0 ? "any claims" : string.Join(", ", values);
                if (token.Caveat is null)
                {
                    return new Outsiders(true, shown, null, null, Every(gcp, parsed, issuer, audience, Read));
                }

                // A token only some outsiders can obtain: open for certain only if an ordinary token passes too.
                possible ??= (shown, token.Caveat);
                continue;
            }

            if (result.Truth == ConditionTruth.Undecided && undecided.Count < 3)
            {
                undecided.AddRange(result.Undecided.Except(undecided, StringComparer.Ordinal).Take(3 - undecided.Count));
            }
        }

        return new Outsiders(false, possible?.Values, undecided.Count == 0 ? null : string.Join("; ", undecided), possible?.Caveat, false);
    }

    /// <summary>Whether every token Ward tries meets the condition, those of the tenant's own names included: a condition that constrains nothing.</summary>
    private static bool Every(GcpAnalysisContext gcp, WorkloadIdentityCondition parsed, string issuer, string audience, Func<string, bool> read) =>
        OutsiderTokens.Of(issuer, audience, parsed.StringLiterals, read, insiders: true).Where(t => t.Caveat is null).Take(MostTokensTried)
            .All(t => parsed.Evaluate(t.Claims, gcp.ReferenceTime).Truth == ConditionTruth.True);

    private static string Show(object value) => value switch
    {
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        _ => $"`{value}`",
    };

    /// <summary>
    /// What Ward made of the tokens of other customers: one is accepted (with the values that let it in, and whether
    /// every token is), or one only some outsiders can obtain is (<see cref="Possible"/>: which), or undecided (with
    /// why), or none.
    /// </summary>
    private sealed record Outsiders(bool Open, string? Values, string? Undecided, string? Possible, bool Every);

    /// <summary>
    /// The names a condition may pin the tenant by: the claims themselves (<c>assertion.repository_owner</c>), and the
    /// attributes mapped from them; conditions and mappings are read in the dotted form (<see cref="CelFieldAccess"/>).
    /// </summary>
    private static List<string> PinningNames(WorkloadIdentityProvider provider, string[] claims)
    {
        var names = claims.Select(c => "assertion." + c).ToList();
        foreach (var (attribute, expression) in provider.AttributeMapping)
        {
            if (CelFieldAccess.Dotted(expression) is var dotted && claims.Any(c => Names(dotted, "assertion." + c)))
            {
                names.Add(attribute);
            }
        }

        return names;
    }

    /// <summary>
    /// Whether an expression names an identifier whole: <c>assertion.repository</c> in <c>assertion.repository == 'x'</c>,
    /// not in <c>assertion.repository_visibility</c> nor <c>xassertion.repository</c> (the characters around it are no
    /// letter, digit, <c>_</c> or, before it, <c>.</c>).
    /// </summary>
    private static bool Names(string expression, string identifier)
    {
        for (var at = expression.IndexOf(identifier, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(identifier, at + 1, StringComparison.Ordinal))
        {
            var end = at + identifier.Length;
            if ((at == 0 || !(IsIdentifierChar(expression[at - 1]) || expression[at - 1] == '.')) && (end == expression.Length || !IsIdentifierChar(expression[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Every binding whose member is an identity or a set of the provider's pool, as text; not one whose condition expired at the reference time (it never grants again).</summary>
    private static IEnumerable<string> BindingsOfPool(GcpAnalysisContext gcp, WorkloadIdentityProvider provider) =>
        WorkloadIdentityPoolBindings.Of(gcp.Estate, provider).Where(b => gcp.ExpiredCondition(b.Binding) is null).Select(b => $"`{b.Binding.Role}` on `{ResourceNames.Relative(b.Policy.Resource)}` (to `{b.Member.Text}`)");

    private static string? ProjectOf(GcpAnalysisContext gcp, WorkloadIdentityProvider provider) =>
        provider.Name.Split('/') is ["projects", var project, ..] ? gcp.Label("projects/" + project) : null;
}
