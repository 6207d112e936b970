using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-workload-identity-provider-unrestricted</c> on the example.org export of the Google Cloud tests, whose
/// project 920000000001 binds the whole `github` pool, plus the pools and providers
/// <c>gcloud iam workload-identity-pools (providers) list --format=json</c> print: providers trusting a shared issuer
/// with no condition, or one that a token of another customer meets (an owner name that begins with the tenant's, a
/// subject prefix with no <c>/</c>, <c>|| true</c> …), are reported, and one Ward cannot decide as possibly open; each
/// with a safe twin, pinned, that is not, as disabled, per-tenant and retired providers are not.
/// </summary>
public sealed class GcpWorkloadIdentityProviderTests
{
    private const string RuleId = "gcp-workload-identity-provider-unrestricted";
    private const string Github = "https://token.actions.githubusercontent.com";

    private static readonly Lazy<JsonElement[]> Findings = new(() => ScannedCopy.Findings(
        Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "evaluation"),
        "2026-12-01T09:00:00Z",
        folder =>
        {
            // Pools bound only under a time condition: `expired`'s ended before the reference time, `expiring`'s has not.
            File.AppendAllText(Path.Combine(folder, "assets", "iam-policy.json"), """
                {"name":"//storage.googleapis.com/wif-trial","asset_type":"storage.googleapis.com/Bucket","iam_policy":{"version":3,"etag":"BwYQ3m1cX0A=","bindings":[{"role":"roles/iam.workloadIdentityUser","members":["principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/expired/*"],"condition":{"title":"trial","expression":"request.time < timestamp(\"2026-06-01T00:00:00Z\")"}},{"role":"roles/iam.workloadIdentityUser","members":["principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/expiring/*"],"condition":{"title":"trial","expression":"request.time < timestamp(\"2027-06-01T00:00:00Z\")"}}]},"ancestors":["projects/920000000001","folders/910000000001","organizations/900000000001"],"update_time":"2026-11-30T06:00:00Z"}

                """);
            Directory.CreateDirectory(Path.Combine(folder, "workload-identity"));
            File.WriteAllText(Path.Combine(folder, "workload-identity", "pools-data-dev.json"), $$"""
                [
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/github", "displayName": "GitHub Actions", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/deploy", "displayName": "Deployments", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/expired", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/expiring", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/retired", "state": "ACTIVE", "disabled": true}
                ]
                """);
            File.WriteAllText(Path.Combine(folder, "workload-identity", "providers-data-dev.json"), $$"""
                [
                  {{Provider("github", "open", null)}},
                  {{Provider("github", "ref-only", "assertion.ref == 'refs/heads/main'")}},
                  {{Provider("github", "pinned", "assertion.repository_owner_id == '1342004'")}},
                  {{Provider("github", "pinned-attribute", "attribute.owner == 'example-org'")}},
                  {{Provider("github", "disabled", null, disabled: true)}},
                  {{Provider("github", "circleci", null, issuer: "https://oidc.circleci.com/org/6c3d7e3a-5b1f-4d1e-9a0b-2f8e4c6a1d90")}},
                  {{Provider("github", "visibility", "assertion.repository_visibility == 'public'")}},
                  {{Provider("github", "owner-type", "attribute.owner_type == 'Organization'")}},
                  {{Provider("github", "visibility-mapped", "attribute.vis == 'private'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.vis"] = "assertion.repository_visibility" })}},
                  {{Provider("github", "email-verified", "assertion.email_verified == true", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email", "assertion.email == 'ci@example.org'", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "pinned-index", "assertion['repository_owner_id'] == '1342004'")}},
                  {{Provider("github", "pinned-attribute-index", "attribute[\"owner\"] == 'example-org'")}},
                  {{Provider("github", "pinned-mapped-index", "attribute.org == 'example-org'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion['sub']", ["attribute.org"] = "assertion['repository_owner']" })}},
                  {{Provider("github", "ref-only-index", "assertion['ref'] == 'refs/heads/main'")}},
                  {{Provider("github", "visibility-index", "assertion['repository_visibility'] == 'public'")}},
                  {{Provider("github", "owner-in-list", "assertion.environment in ['repository_owner']")}},
                  {{Provider("github", "owner-not", "assertion.repository_owner != 'someone'")}},
                  {{Provider("github", "owner-is", "assertion.repository_owner == 'example-org'")}},
                  {{Provider("github", "owner-or-true", "assertion.repository_owner == 'example-org' || true")}},
                  {{Provider("github", "owner-and-true", "assertion.repository_owner == 'example-org' && true")}},
                  {{Provider("github", "owner-prefix", "assertion.repository_owner.startsWith('example-org')")}},
                  {{Provider("github", "repository-prefix", "assertion.repository.startsWith('example-org/')")}},
                  {{Provider("github", "sub-prefix", "assertion.sub.startsWith('repo:example-org')")}},
                  {{Provider("github", "sub-prefix-slash", "assertion.sub.startsWith('repo:example-org/')")}},
                  {{Provider("github", "repository-contains", "assertion.repository.contains('example-org/')")}},
                  {{Provider("github", "repository-contains-id", "assertion.repository.contains('example-org/') && assertion.repository_owner_id == '1342004'")}},
                  {{Provider("github", "in-claims", "'example-org' in [assertion.repository_owner, assertion.environment]")}},
                  {{Provider("github", "in-owners", "assertion.repository_owner in ['example-org', 'example-labs']")}},
                  {{Provider("github", "in-string", "'example-org' in assertion.repository_owner")}},
                  {{Provider("github", "owner-or-ref", "assertion.repository_owner == 'example-org' || assertion.ref == 'refs/heads/main'")}},
                  {{Provider("github", "owner-and-ref", "assertion.repository_owner == 'example-org' && assertion.ref == 'refs/heads/main'")}},
                  {{Provider("github", "owner-matches", "assertion.repository_owner.matches('^example-org$')")}},
                  {{Provider("github", "owner-matches-unanchored", "assertion.repository_owner.matches('example-org')")}},
                  {{Provider("github", "owner-matches-digits", "assertion.repository_owner.matches('^example-org\\\\d+$')")}},
                  {{Provider("github", "repository-matches-class", "assertion.repository.matches('^example-org/[a-z]+$')")}},
                  {{Provider("github", "owner-lower-mapped", "attribute.owner == 'example-org'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.owner"] = "assertion.repository_owner.lowerAscii()" })}},
                  {{Provider("github", "owner-replaced", "assertion.repository_owner.replace('-', '') == 'exampleorg'")}},
                  {{Provider("github", "owner-id-and-matches", "assertion.repository_owner_id == '1342004' && assertion.repository_owner.matches('^example-org$')")}},
                  {{Provider("github", "attribute-prefix", "attribute.owner.startsWith('example-org')")}},
                  {{Provider("github", "attribute-repository-prefix", "attribute.repository.startsWith('example-org/')")}},
                  {{Provider("github", "subject-suffix", "google.subject.endsWith(':ref:refs/heads/main')")}},
                  {{Provider("github", "subject-prefix", "google.subject.startsWith('repo:example-org/')")}},
                  {{Provider("github", "workflow-suffix", "assertion.job_workflow_ref.endsWith('/.github/workflows/release.yml@refs/heads/main')")}},
                  {{Provider("github", "workflow-prefix", "assertion.job_workflow_ref.startsWith('example-org/deploy/.github/workflows/release.yml@')")}},
                  {{Provider("github", "gitlab-namespace-prefix", "assertion.namespace_path.startsWith('example-group')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-namespace-id", "assertion.namespace_id == '72'", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-project-suffix", "assertion.project_path.endsWith('/example-group/app')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-project-prefix", "assertion.project_path.startsWith('example-group/')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "terraform-sub-prefix", "assertion.sub.startsWith('organization:example-org')", issuer: "https://app.terraform.io")}},
                  {{Provider("github", "terraform-sub-prefix-colon", "assertion.sub.startsWith('organization:example-org:')", issuer: "https://app.terraform.io")}},
                  {{Provider("github", "email-suffix", "assertion.email.endsWith('example.org')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "sub-many", "assertion.sub.startsWith('repo:example-org/app:ref:refs/heads/release-') || assertion.sub in ['repo:example-org/app:environment:prod', 'repo:example-org/web:pull_request'] || attribute.repository == 'example-org/infra' && assertion.ref == 'refs/heads/main' && assertion.event_name == 'push'")}},
                  {{Provider("github", "unparsable-pinned", "assertion.repository_owner_id == '1342004' &&")}},
                  {{Provider("github", "unparsable", "assertion.ref == 'refs/heads/main' &&")}},
                  {{Provider("github", "email-suffix-at", "assertion.email.endsWith('@example.org')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email-subdomain", "assertion.email.endsWith('.example.org')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email-top-level", "assertion.email.endsWith('.org')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email-country-registry", "assertion.email.endsWith('.co.uk')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email-country-subdomain", "assertion.email.endsWith('.example.co.uk')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "hd-subdomain", "assertion.hd.endsWith('.example.org')", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "reusable-prefix", "assertion.job_workflow_ref.startsWith('example-org/shared/.github/workflows/deploy.yml@')")}},
                  {{Provider("github", "reusable-prefix-owner-id", "assertion.job_workflow_ref.startsWith('example-org/shared/.github/workflows/deploy.yml@') && assertion.repository_owner_id == '1342004'")}},
                  {{Provider("github", "reusable-subject", "assertion.sub == 'job_workflow_ref:example-org/shared/.github/workflows/deploy.yml@refs/heads/main'")}},
                  {{Provider("github", "reusable-subject-owner-id", "assertion.sub == 'job_workflow_ref:example-org/shared/.github/workflows/deploy.yml@refs/heads/main' && assertion.repository_owner_id == '1342004'")}},
                  {{Provider("github", "subject-template", "assertion.sub == 'environment:production'")}},
                  {{Provider("github", "subject-template-repo", "assertion.sub == 'repo:example-org/app:environment:production'")}},
                  {{Provider("github", "subject-template-or-ref", "assertion.sub == 'environment:production' || assertion.ref == 'refs/heads/main'")}},
                  {{Provider("github", "actor-is", "assertion.actor == 'alice'")}},
                  {{Provider("github", "actor-prefix", "assertion.actor.startsWith('alice')")}},
                  {{Provider("github", "actor-mapped", "attribute.repository_owner == 'example-org'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.repository_owner"] = "assertion.actor" })}},
                  {{Provider("github", "actor-mapped-prefix", "attribute.repository_owner.startsWith('example-org')", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.repository_owner"] = "assertion.actor" })}},
                  {{Provider("github", "gitlab-user-login", "assertion.user_login == 'alice'", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-user-login-prefix", "assertion.user_login.startsWith('alice')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-user-email", "assertion.user_email.endsWith('@example.org')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-user-email-suffix", "assertion.user_email.endsWith('example.org')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "gitlab-user-gmail", "assertion.user_email.endsWith('@gmail.com')", issuer: "https://gitlab.com")}},
                  {{Provider("github", "owner-or-ref-title", "assertion.ref == 'refs/heads/main' || assertion.repository_owner == 'example-org'")}},
                  {{Provider("deploy", "open", null)}},
                  {{Provider("expired", "open", null)}},
                  {{Provider("expiring", "open", null)}},
                  {{Provider("retired", "open", null)}}
                ]
                """);
        }));

    [Fact]
    public void A_github_provider_without_a_condition_on_a_bound_pool_is_high_and_names_the_binding()
    {
        var finding = Of("github", "open");

        Assert.Equal("high", finding.GetProperty("severity").GetString());
        Assert.Contains("has no attribute condition", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("workloadIdentityPools/github/*", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_pins_no_owner_is_no_better()
    {
        var finding = Of("github", "ref-only");

        Assert.Contains("looks at none of the claims", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref-only-index")]       // assertion['ref']: indexing by a key is the field, and `ref` pins no owner
    [InlineData("visibility-index")]     // assertion['repository_visibility'] is not assertion.repository
    [InlineData("owner-in-list")]        // a list that holds a claim's name is not the claim (an environment of any name meets it)
    public void A_condition_indexing_claims_that_pin_no_owner_is_no_better(string provider) =>
        Assert.Contains("looks at none of the claims", Of("github", provider).GetProperty("explanation").GetString(), StringComparison.Ordinal);

    [Fact]
    public void The_title_names_one_token_of_the_issuer()
    {
        Assert.EndsWith("accepts every GitHub Actions token", Of("github", "open").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("accepts every Google ID token", Of("github", "email-verified").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_nobody_is_granted_yet_is_medium()
    {
        Assert.Equal("medium", Of("deploy", "open").GetProperty("severity").GetString());
    }

    [Fact]
    public void A_binding_whose_condition_expired_does_not_count()
    {
        // Given pools bound only until 2026-06-01 (before the reference time, 2026-12-01) and until 2027-06-01
        var expired = Of("expired", "open");
        var expiring = Of("expiring", "open");

        // Then the expired one is as if unbound (medium, no binding listed); the other still high, naming its binding
        Assert.Equal("medium", expired.GetProperty("severity").GetString());
        Assert.Contains("No exported allow policy binds the pool's identities", expired.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", expiring.GetProperty("severity").GetString());
        Assert.Contains("workloadIdentityPools/expiring/*", expiring.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("visibility")]          // assertion.repository_visibility is not assertion.repository
    [InlineData("owner-type")]          // attribute.owner_type is not attribute.owner (mapped from assertion.repository_owner)
    [InlineData("visibility-mapped")]   // an attribute mapped from assertion.repository_visibility pins nothing either
    [InlineData("email-verified")]      // assertion.email_verified is not assertion.email
    public void A_claim_whose_name_only_begins_with_a_pinning_claim_pins_nothing(string provider) =>
        Assert.Contains("looks at none of the claims", Of("github", provider).GetProperty("explanation").GetString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("github", "email")]              // Google ID tokens pinned by assertion.email
    [InlineData("github", "pinned")]             // the owner's id, a claim that tells customers apart
    [InlineData("github", "pinned-attribute")]   // an attribute mapped from assertion.repository_owner
    [InlineData("github", "pinned-index")]       // assertion['repository_owner_id'] is assertion.repository_owner_id
    [InlineData("github", "pinned-attribute-index")] // attribute["owner"] is attribute.owner
    [InlineData("github", "pinned-mapped-index")]    // an attribute mapped from assertion['repository_owner']
    [InlineData("github", "disabled")]           // a disabled provider accepts nothing
    [InlineData("github", "circleci")]           // CircleCI's issuer is one organization's own
    [InlineData("retired", "open")]              // a disabled pool issues nothing
    public void Pinned_disabled_or_single_tenant_providers_are_not_reported(string pool, string provider) =>
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("ruleId").GetString() == RuleId && f.GetProperty("principal").GetString() == Name(pool, provider));

    [Theory]
    [InlineData("owner-not", "`repository_owner` `outsider-org`")]                        // any owner but one
    [InlineData("owner-or-true", "`repository_owner` `outsider-org`")]                     // `|| true` accepts everything
    [InlineData("owner-prefix", "`repository_owner` `example-org-outsider`")]             // a name of its own that begins with the owner's
    [InlineData("sub-prefix", "`sub` `repo:example-org-outsider/outsider-repo:ref:refs/heads/main`")] // no `/` after the owner
    [InlineData("repository-contains", "`repository` `outsider-example-org/outsider-repo`")] // an owner name that ends with the owner's
    [InlineData("in-claims", "`environment` `example-org`")]                              // the outsider names an environment after the owner
    [InlineData("owner-or-ref", "`ref` `refs/heads/main`")]                               // any repository's main branch
    [InlineData("attribute-prefix", "`repository_owner` `example-org-outsider`")]         // the mapping applied: attribute.owner is the owner
    [InlineData("subject-suffix", "`sub` `repo:outsider-org/outsider-repo:ref:refs/heads/main`")] // google.subject mapped from the sub
    [InlineData("workflow-suffix", "`job_workflow_ref` `outsider-org/outsider-repo/.github/workflows/release.yml@refs/heads/main`")] // any repository may name a workflow file so
    [InlineData("gitlab-namespace-prefix", "`namespace_path` `example-group-outsider`")]   // GitLab.com: a group of its own
    [InlineData("gitlab-project-suffix", "`project_path` `outsider-group/example-group/app`")] // a subgroup named like the tenant's group
    [InlineData("terraform-sub-prefix", "`sub` `organization:example-org-outsider:project:Default Project:workspace:outsider-workspace:run_phase:apply`")] // HCP Terraform
    [InlineData("email-suffix", "`email` `outsider@outsider-example.org`")]               // a domain of its own that ends with the tenant's
    [InlineData("email-top-level", "`email` `outsider@outsider.org`")]                     // a domain of its own under the top-level domain
    [InlineData("email-country-registry", "`email` `outsider@outsider.co.uk`")]            // co.uk is a registry, as .org is: anyone holds a name under it
    [InlineData("actor-prefix", "`actor` `alice-outsider`")]                               // a login of its own that begins with the user's
    [InlineData("actor-mapped-prefix", "`actor` `example-org-outsider`")]                  // the actor mapped to an attribute
    [InlineData("subject-template-or-ref", "`ref` `refs/heads/main`")]                     // an ordinary token passes: certain, whatever the subject template
    [InlineData("gitlab-user-login-prefix", "`user_login` `alice-outsider`")]             // a GitLab.com username of its own
    [InlineData("gitlab-user-email-suffix", "`user_email` `outsider@outsider-example.org`")] // an address of a domain of its own
    [InlineData("gitlab-user-gmail", "`user_email` `outsider.user@gmail.com`")]           // a Gmail address of its own
    [InlineData("owner-matches-unanchored", "`repository_owner` `example-org-outsider`")]  // `matches` finds the expression anywhere unless anchored
    public void A_condition_that_a_token_of_another_customer_meets_is_reported_with_the_values_that_pass(string provider, string values)
    {
        var finding = Of("github", provider);

        Assert.Contains(values, finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Matches("customer meets|another customer with .* meets it", finding.GetProperty("explanation").GetString());
        Assert.DoesNotContain("may accept", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", finding.GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("owner-is")]                     // the twin of owner-not
    [InlineData("owner-and-true")]               // the twin of owner-or-true
    [InlineData("repository-prefix")]            // the owner and a `/`: the twin of owner-prefix
    [InlineData("sub-prefix-slash")]             // the twin of sub-prefix
    [InlineData("repository-contains-id")]       // the owner's id besides: the twin of repository-contains
    [InlineData("in-owners")]                    // the twin of in-claims
    [InlineData("in-string")]                    // `in` of a string is an error in CEL: the condition refuses every token
    [InlineData("owner-and-ref")]                // the twin of owner-or-ref
    [InlineData("owner-id-and-matches")]         // the id refuses outsiders, whatever `matches` gives
    [InlineData("owner-matches")]                // anchored at both ends: the twin of owner-matches-unanchored
    [InlineData("owner-lower-mapped")]           // owner names are unique whatever their case, and lowerAscii is decided
    [InlineData("repository-matches-class")]     // every match begins with `example-org/`, which no outsider's repository does
    [InlineData("attribute-repository-prefix")]  // the twin of attribute-prefix
    [InlineData("subject-prefix")]               // the twin of subject-suffix
    [InlineData("email-subdomain")]              // no valid domain of the outsider's ends with `.example.org` (a subdomain is example.org's): the twin of email-top-level
    [InlineData("email-country-subdomain")]      // a subdomain of example.co.uk is its owner's: the twin of email-country-registry
    [InlineData("hd-subdomain")]                 // the same for the hosted domain
    [InlineData("reusable-prefix-owner-id")]     // the owner's id besides: the twin of reusable-prefix
    [InlineData("reusable-subject-owner-id")]    // the twin of reusable-subject
    [InlineData("subject-template-repo")]        // the owner's repository in any subject template: the twin of subject-template
    [InlineData("actor-is")]                     // a login is the user's own: the twin of actor-prefix
    [InlineData("actor-mapped")]                 // the twin of actor-mapped-prefix
    [InlineData("gitlab-user-login")]            // the twin of gitlab-user-login-prefix
    [InlineData("gitlab-user-email")]            // an address at the tenant's domain: the twin of gitlab-user-email-suffix
    [InlineData("gitlab-namespace-id")]          // the twin of gitlab-namespace-prefix
    [InlineData("gitlab-project-prefix")]        // the twin of gitlab-project-suffix
    [InlineData("terraform-sub-prefix-colon")]   // the twin of terraform-sub-prefix
    [InlineData("email-suffix-at")]              // the twin of email-suffix
    [InlineData("sub-many")]                     // many constants over many claims, each pinning the owner with its `/`
    [InlineData("unparsable-pinned")]            // not CEL: the claims it names decide, as before
    public void A_condition_that_refuses_every_token_of_another_customer_is_not_reported(string provider) =>
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("ruleId").GetString() == RuleId && f.GetProperty("principal").GetString() == Name("github", provider));

    [Theory]
    [InlineData("workflow-prefix", "example-org/deploy/.github/workflows/release.yml")]
    [InlineData("reusable-prefix", "example-org/shared/.github/workflows/deploy.yml")]
    [InlineData("reusable-subject", "example-org/shared/.github/workflows/deploy.yml")]
    public void A_condition_that_pins_only_a_reusable_workflow_may_accept_the_tokens_of_its_callers(string provider, string workflow)
    {
        // Given a condition met by a job calling the workflow, from a repository of the caller's own
        var finding = Of("github", provider);

        // Then possibly open: who may call it depends on the visibility and access settings Ward does not read
        Assert.EndsWith("may accept GitHub Actions tokens of other customers", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains($"a job that calls the reusable workflow `{workflow}`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("access settings", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains($"{workflow}@refs/heads/main`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_expression_no_name_Ward_tried_matches_may_still_match_another()
    {
        // `example-org1` is a name an outsider can register; Ward tries names built from the constants, not every name
        var finding = Of("github", "owner-matches-digits");

        Assert.EndsWith("may accept GitHub Actions tokens of other customers", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("is not decided for every name another customer may hold", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_an_outsider_can_build_with_a_template_of_its_own_may_be_met()
    {
        var finding = Of("github", "subject-template");

        Assert.EndsWith("may accept GitHub Actions tokens of other customers", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("a repository that sets its own subject template (`include_claim_keys` `environment`) meets it (one with `sub` `environment:production`)", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open", "accepts every GitHub Actions token")]                         // no condition
    [InlineData("owner-or-true", "accepts every GitHub Actions token")]                // `|| true` constrains nothing
    [InlineData("ref-only", "accepts GitHub Actions tokens of other customers")]       // only the main branches
    [InlineData("owner-not", "accepts GitHub Actions tokens of other customers")]      // all but one owner's
    [InlineData("owner-or-ref-title", "accepts GitHub Actions tokens of other customers")]
    public void The_title_says_every_token_only_when_the_condition_constrains_nothing(string provider, string title) =>
        Assert.EndsWith(title, Of("github", provider).GetProperty("title").GetString(), StringComparison.Ordinal);

    [Fact]
    public void A_condition_Ward_cannot_parse_that_names_no_pinning_claim_is_reported_as_before() =>
        Assert.Contains("looks at none of the claims", Of("github", "unparsable").GetProperty("explanation").GetString(), StringComparison.Ordinal);

    [Fact]
    public void A_condition_Ward_cannot_decide_for_other_customers_is_reported_as_possibly_open_naming_what_was_not_evaluated()
    {
        var finding = Of("github", "owner-replaced");

        Assert.EndsWith("may accept GitHub Actions tokens of other customers", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("as Ward could not decide it for them (`assertion.repository_owner.replace('-', '')` is not evaluated by Ward)", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("may get a federated token", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Of(string pool, string provider) =>
        Assert.Single(Findings.Value, f => f.GetProperty("ruleId").GetString() == RuleId && f.GetProperty("principal").GetString() == Name(pool, provider));

    private static string Name(string pool, string provider) => $"//iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/{pool}/providers/{provider}";

    private static string Provider(string pool, string id, string? condition, bool disabled = false, string issuer = Github, Dictionary<string, string>? mapping = null) => JsonSerializer.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = $"projects/920000000001/locations/global/workloadIdentityPools/{pool}/providers/{id}",
        ["displayName"] = id,
        ["state"] = "ACTIVE",
        ["disabled"] = disabled,
        ["attributeMapping"] = mapping ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.repository"] = "assertion.repository", ["attribute.owner"] = "assertion.repository_owner" },
        ["attributeCondition"] = condition,
        ["oidc"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["issuerUri"] = issuer },
    });
}
