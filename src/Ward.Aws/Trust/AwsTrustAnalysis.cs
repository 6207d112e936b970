using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Core.Decisions;

namespace Ward.Aws.Trust;

/// <summary>
/// Who each role's trust policy admits: every party an Allow statement names, decided by the evaluator for a
/// probe caller of that party, so conditions, RCPs and explicit denies are honoured.
/// </summary>
/// <remarks>
/// The probe caller's own side is taken as willing (its identity policies allow everything): the question is what
/// the trusting account lets in, not what the other side permits. Outsiders get values that belong to nobody of
/// the estate: an account of their own, an organization id of their own, and, for OIDC, a subject of another
/// repository or namespace; a condition that checks those values keeps them out. sts:AssumeRole is a direct call:
/// its request carries no source keys (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c>, <c>aws:SourceOrgID</c>,
/// <c>aws:SourceOwner</c>), and comes from the internet or through a VPC endpoint of the caller's own.
/// </remarks>
public static class AwsTrustAnalysis
{
    private static readonly ConditionalWeakTable<AwsEstate, ConcurrentDictionary<DateTimeOffset, ImmutableArray<RoleTrust>>> Cache = new();

    /// <summary>Every trusted party of every role of the estate (computed once per estate and reference time), by role ARN then statement.</summary>
    public static ImmutableArray<RoleTrust> Of(AwsEstate estate, DateTimeOffset asOf) =>
        Cache.GetValue(estate, _ => new ConcurrentDictionary<DateTimeOffset, ImmutableArray<RoleTrust>>()).GetOrAdd(asOf, time => Analyze(estate, time));

    private static ImmutableArray<RoleTrust> Analyze(AwsEstate estate, DateTimeOffset asOf)
    {
        var queries = new AwsAccessQueries(estate, asOf);
        var known = ProbeCallers.KnownAccounts(estate);
        var trusts = ImmutableArray.CreateBuilder<RoleTrust>();
        foreach (var role in estate.Roles.Values.OrderBy(r => r.Arn, StringComparer.Ordinal))
        {
            if (role.TrustPolicy is not { } policy || role.IsServiceLinked)
            {
                continue;
            }

            // Each Allow statement is asked alone, with the policy's Deny statements: a party is credited to the
            // statements that let it in, not to every statement that names it.
            ImmutableArray<Statement> denies = [.. policy.Statements.Where(s => s.Effect == Effect.Deny)];
            var found = new List<RoleTrust>();
            foreach (var statement in policy.Statements.Where(s => s.Effect == Effect.Allow && s.Principal is { Negated: false }))
            {
                var alone = new SuppliedPolicies(new NamedPolicy($"trust policy of {role.Name}", policy with { Statements = [statement, .. denies] }), SessionPolicy: null);
                foreach (var (type, value) in Parties(statement.Principal!))
                {
                    found.Add(Probe(queries, role, statement, type, value, known, alone));
                }

                // `*` narrowed by a condition that names accounts or principals lets those in: each is a party too,
                // the role's own account included (judged as if named in Principal).
                if (IsOpenToEveryone(statement.Principal!))
                {
                    foreach (var party in ConditionParty.Of([statement], TrustProbeName))
                    {
                        var named = !party.Caller.Value.EndsWith(":role/" + TrustProbeName, StringComparison.Ordinal);
                        found.Add(ProbeAws(queries, role, statement, named ? TrustedPartyKind.Principal : TrustedPartyKind.Account, named ? party.Caller.Value : party.Account, party.Account, party.Caller, known, alone));
                    }

                    // `*` narrowed to another organization lets every principal of it in.
                    foreach (var organization in ConditionParty.ForeignOrganizations([statement], estate.Organization?.Id))
                    {
                        var probe = AwsPrincipal.Parse($"arn:aws:iam::{ProbeCallers.OutsiderAccount}:role/{TrustProbeName}");
                        var (verdict, endpoint) = DirectCall(claims => queries.Can(probe, "sts:AssumeRole", role.Arn, claims, alone, ProbeCallers.Willingly).Decision, ConditionParty.OrganizationKeys(organization));
                        found.Add(new RoleTrust(role, TrustedPartyKind.Organization, organization, null, IsExternal: true, statement, verdict,
                            $"a role of an account ({ProbeCallers.OutsiderAccount}) of organization {organization}{(endpoint ? " " + ProbeCallers.ThroughOwnEndpoint : string.Empty)}", "sts:AssumeRole"));
                    }
                }
            }

            trusts.AddRange(OnePerParty(found));
        }

        return trusts.ToImmutable();
    }

    /// <summary>
    /// One trust per party of a role (an account however it is written: its id or its root ARN): of the statements that
    /// name it, the one whose answer is the most open (the first among equals), with the others that let it in too (or,
    /// when none does, the others that name it). A Cognito pool's guest probe is judged per statement too: the most
    /// open of them is kept, whichever statement it came from.
    /// </summary>
    private static IEnumerable<RoleTrust> OnePerParty(List<RoleTrust> found) =>
        found.GroupBy(t => $"{(int)t.Kind}|{(t.Kind == TrustedPartyKind.Account && t.PartyAccount is { } account ? account : t.Party)}", StringComparer.Ordinal).Select(party =>
        {
            var admitted = party.Where(t => t.Admits).ToList();
            var candidates = admitted.Count > 0 ? admitted : [.. party];
            var best = candidates.OrderByDescending(t => ProbeCallers.Openness(t.Probe)).First();
            var guest = party.Select(t => t.GuestProbe).OfType<Decision>().OrderByDescending(ProbeCallers.Openness).FirstOrDefault();
            return best with
            {
                OtherStatements = [.. candidates.Select(t => t.Statement).Where(s => s.Index != best.Statement.Index).DistinctBy(s => s.Index)],
                GuestProbe = guest ?? best.GuestProbe,
            };
        });

    private static IEnumerable<(PrincipalType Type, string Value)> Parties(PrincipalElement principal) =>
        principal.IsWildcardString ? [(PrincipalType.Aws, "*")] : principal.Entries.Where(e => e.Type is PrincipalType.Aws or PrincipalType.Federated);

    private static RoleTrust Probe(AwsAccessQueries queries, IamRole role, Statement statement, PrincipalType type, string value, FrozenSet<string> known, SuppliedPolicies alone)
    {
        if (type == PrincipalType.Federated)
        {
            var account = AwsPrincipal.Parse(value).Account;
            var caller = AwsPrincipal.Parse(value);
            if (value.Contains(":saml-provider/", StringComparison.Ordinal))
            {
                const string samlAction = "sts:AssumeRoleWithSAML";
                // The global sign-in endpoint first, then each regional one the trust names: the most open wins.
                var (audience, verdict) = SamlAudiences(role)
                    .Select(aud => (Audience: aud, Decision: queries.Can(caller, samlAction, role.Arn, SamlClaims(aud), alone).Decision))
                    .Aggregate((best, next) => ProbeCallers.Openness(next.Decision) > ProbeCallers.Openness(best.Decision) ? next : best);
                return new RoleTrust(role, TrustedPartyKind.SamlProvider, value, account, account is not null && !known.Contains(account), statement, verdict,
                    audience == GlobalSamlAudience
                        ? $"a SAML assertion for the AWS sign-in audience (`{audience}`)"
                        : $"a SAML assertion for the regional AWS sign-in audience `{audience}`",
                    samlAction);
            }

            const string action = "sts:AssumeRoleWithWebIdentity";
            var context = OidcClaims(value, role);
            var decision = queries.Can(caller, action, role.Arn, context, alone).Decision;
            return new RoleTrust(role, TrustedPartyKind.OidcProvider, value, account, account is not null && !known.Contains(account), statement, decision,
                IsCognito(value) ? $"a token of `{value}` for identity pool `{context[ClaimKey(value, "aud")].Text}`, none of the estate's"
                    : $"a token of `{value}` whose subject is `{context[ClaimKey(value, "sub")].Text}`", action)
            {
                GuestProbe = IsCognito(value) && PinnedPool(value, statement) is { } pool
                    ? queries.Can(caller, action, role.Arn, GuestClaims(value, pool, role), alone).Decision
                    : null,
            };
        }

        var (kind, partyAccount) = value switch
        {
            "*" => (TrustedPartyKind.Everyone, (string?)null),
            _ when value.Length == 12 && value.All(char.IsAsciiDigit) => (TrustedPartyKind.Account, value),
            _ when value.EndsWith(":root", StringComparison.Ordinal) => (TrustedPartyKind.Account, AwsPrincipal.Parse(value).Account),
            _ => (TrustedPartyKind.Principal, AwsPrincipal.Parse(value).Account),
        };
        var probeAccount = partyAccount ?? ProbeCallers.OutsiderAccount;
        // For `*`, an outsider's role named as an aws:PrincipalArn pattern for any account would name it.
        var probe = kind == TrustedPartyKind.Principal && AwsPrincipal.Parse(value) is { IsAuthenticated: true } named && named.Type != AwsPrincipalType.WebIdentity
            ? named
            : (kind == TrustedPartyKind.Everyone ? ConditionParty.OutsiderNamed([statement], ProbeCallers.OutsiderAccount) : null)
                ?? AwsPrincipal.Parse($"arn:aws:iam::{probeAccount}:role/{TrustProbeName}");
        return ProbeAws(queries, role, statement, kind, value, partyAccount, probe, known, alone);
    }

    private const string TrustProbeName = "ward-trust-probe";

    private static bool IsOpenToEveryone(PrincipalElement principal) =>
        principal.IsWildcardString || principal.Entries.Any(e => e is (PrincipalType.Aws, "*"));

    private static RoleTrust ProbeAws(AwsAccessQueries queries, IamRole role, Statement statement, TrustedPartyKind kind, string value, string? partyAccount, AwsPrincipal probe, FrozenSet<string> known, SuppliedPolicies alone)
    {
        var probeAccount = partyAccount ?? ProbeCallers.OutsiderAccount;
        var external = !known.Contains(probeAccount);

        // An outsider tags its own principal as an aws:PrincipalTag condition of the statement asks.
        var tags = external ? ConditionParty.OutsiderTags([statement]) : ImmutableDictionary<string, ContextValue>.Empty;
        (Decision Decision, bool ThroughOwnEndpoint) Verdict(bool standalone)
        {
            Dictionary<string, ContextValue> claims = new(StringComparer.OrdinalIgnoreCase);
            if (external)
            {
                ProbeCallers.AddOutsiderOrganization(claims, standalone);
                foreach (var (key, tag) in tags)
                {
                    claims[key] = tag;
                }
            }

            return DirectCall(context => queries.Can(probe, "sts:AssumeRole", role.Arn, context, alone, ProbeCallers.Willingly).Decision, claims);
        }

        var (verdict, endpoint) = Verdict(standalone: false);
        var generic = kind == TrustedPartyKind.Everyone && probe.Name == TrustProbeName;
        var caller = generic ? $"a role of an unrelated account ({ProbeCallers.OutsiderAccount}, outside the organization)" : $"`{probe.Value}`";

        // Anyone can have an account in no organization, whose requests carry no aws:PrincipalOrgID at all.
        if (kind == TrustedPartyKind.Everyone && external && Verdict(standalone: true) is var unorganized && ProbeCallers.Openness(unorganized.Decision) > ProbeCallers.Openness(verdict))
        {
            (verdict, endpoint) = unorganized;
            caller = generic ? $"a role of an unrelated account in no organization ({ProbeCallers.OutsiderAccount}; its requests carry no aws:PrincipalOrgID)"
                : $"`{probe.Value}` (an account in no organization: its requests carry no aws:PrincipalOrgID)";
        }
        else if (kind != TrustedPartyKind.Everyone && external && partyAccount is not null)
        {
            // A named account may be in no organization: whether it is, the export does not say.
            var standalone = Verdict(standalone: true);
            var either = ProbeCallers.EitherOrganizationStanding(verdict, standalone.Decision, partyAccount);
            endpoint = ReferenceEquals(either, verdict) ? endpoint : standalone.ThroughOwnEndpoint;
            verdict = either;
        }

        caller += ConditionParty.TaggedSo(tags);
        return new RoleTrust(role, kind, value, partyAccount, partyAccount is not null && external, statement, verdict,
            endpoint ? $"{caller} {ProbeCallers.ThroughOwnEndpoint}" : caller, "sts:AssumeRole");
    }

    /// <summary>
    /// A direct call (sts:AssumeRole by a principal, not by a service for a resource): its request carries none of the
    /// source keys (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOwner</c>),
    /// and comes from the internet (no VPC keys) or through a VPC endpoint of the caller's own. Both are asked; the more
    /// open answer counts, and says whether it came through the endpoint.
    /// </summary>
    private static (Decision Decision, bool ThroughOwnEndpoint) DirectCall(Func<IReadOnlyDictionary<string, ContextValue>, Decision> ask, IReadOnlyDictionary<string, ContextValue> keys)
    {
        Decision Through(bool endpoint)
        {
            var context = new Dictionary<string, ContextValue>(keys, StringComparer.OrdinalIgnoreCase);
            ProbeCallers.AddDirectCall(context, endpoint);
            return ask(context);
        }

        var internet = Through(endpoint: false);
        var own = Through(endpoint: true);
        return ProbeCallers.Openness(own) > ProbeCallers.Openness(internet) ? (own, true) : (internet, false);
    }

    private const string GlobalSamlAudience = "https://signin.aws.amazon.com/saml";

    private static Dictionary<string, ContextValue> SamlClaims(string audience) =>
        new(StringComparer.OrdinalIgnoreCase) { ["SAML:aud"] = ContextValue.Of(audience) };

    /// <summary>
    /// The SAML audiences to probe with: the global sign-in endpoint, then every regional one
    /// (<c>https://REGION.signin.aws.amazon.com/saml</c>, which IAM accepts as well) that a <c>SAML:aud</c> condition of
    /// the trust names, wildcards filled with a region.
    /// </summary>
    private static IEnumerable<string> SamlAudiences(IamRole role) =>
        role.TrustPolicy!.Statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Key.Equals("SAML:aud", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(v => v.Replace("*", "eu-west-1", StringComparison.Ordinal).Replace('?', 'x'))
            .Where(IsRegionalSamlAudience)
            .Prepend(GlobalSamlAudience)
            .Distinct(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="audience"/> is a regional sign-in endpoint's SAML audience, <c>https://REGION.signin.aws.amazon.com/saml</c>.</summary>
    public static bool IsRegionalSamlAudience(string audience)
    {
        const string Scheme = "https://", Suffix = ".signin.aws.amazon.com/saml";
        if (!audience.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !audience.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            || audience.Length <= Scheme.Length + Suffix.Length)
        {
            return false;
        }

        var region = audience[Scheme.Length..^Suffix.Length];
        return region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && region.Contains('-', StringComparison.Ordinal);
    }

    /// <summary>
    /// Claims of an outsider's token: a subject that belongs to nobody of the estate, and the audience the trust
    /// expects (so only the subject is put to the test). For GitHub Actions, a subject pattern whose owner has a
    /// wildcard (`repo:org*`, `repo:*/infra:…`) gives the subject: any GitHub user can own such an organization or
    /// repository. For Cognito the audience is the identity pool, so the outsider's is a pool of its own.
    /// </summary>
    private static Dictionary<string, ContextValue> OidcClaims(string provider, IamRole role)
    {
        var host = ProviderHost(provider);
        var subject = host switch
        {
            GitHubActions => OutsiderOwnerSubject(provider, role, "repo:", ['/', ':']) ?? "repo:ward-outsider/any-repository:ref:refs/heads/main",
            GitLab => OutsiderOwnerSubject(provider, role, "project_path:", ['/', ':']) ?? "project_path:ward-outsider/any-project:ref_type:branch:ref:main",
            TerraformCloud => OutsiderOwnerSubject(provider, role, "organization:", [':']) ?? "organization:ward-outsider:project:any:workspace:any:run_phase:apply",
            _ when host.StartsWith("oidc.eks.", StringComparison.Ordinal) => "system:serviceaccount:ward-outsider:any",
            CognitoIdentity => "eu-west-1:00000000-0000-0000-0000-000000000000",
            _ => "ward-outsider",
        };
        var audience = host == CognitoIdentity ? "eu-west-1:ward-outsider-pool"
            : role.TrustPolicy!.Statements.SelectMany(s => s.Conditions)
                .Where(c => !c.Operator.IsNegated && c.Key.Equals(ClaimKey(provider, "aud"), StringComparison.OrdinalIgnoreCase) && !c.Values.IsEmpty)
                .Select(c => c.Values[0]).FirstOrDefault() ?? "sts.amazonaws.com";
        var claims = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            [ClaimKey(provider, "sub")] = ContextValue.Of(subject),
            [ClaimKey(provider, "aud")] = ContextValue.Of(audience),
            [ClaimKey(provider, "amr")] = ContextValue.Of(["authenticated"]),
        };

        // The other audience-like claims (Google's original audience, the application of Login with Amazon and
        // Facebook) are the ones the trust expects too: only the subject is put to the test.
        foreach (var claim in (string[])["oaud", "app_id"])
        {
            if (role.TrustPolicy!.Statements.SelectMany(s => s.Conditions)
                    .FirstOrDefault(c => !c.Operator.IsNegated && c.Key.Equals(ClaimKey(provider, claim), StringComparison.OrdinalIgnoreCase) && !c.Values.IsEmpty) is { } expected)
            {
                claims[ClaimKey(provider, claim)] = ContextValue.Of(expected.Values[0]);
            }
        }

        return WithoutUnsupportedClaims(provider, role, claims);
    }

    /// <summary>
    /// The claims IAM puts in the request context of sts:AssumeRoleWithWebIdentity, as the IAM user guide lists them
    /// ("Available keys for AWS web identity federation"): <c>amr</c>, <c>aud</c>, <c>sub</c>, <c>oaud</c>, and
    /// <c>id</c>, <c>app_id</c>, <c>user_id</c>. Any other claim of the token (GitHub's <c>repository_owner</c> or
    /// <c>job_workflow_ref</c>) is not in the context: AWS does not support custom OIDC claims.
    /// </summary>
    private static readonly FrozenSet<string> SupportedClaims = FrozenSet.ToFrozenSet(["amr", "aud", "sub", "oaud", "id", "app_id", "user_id"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The claims with every other claim of the provider that the trust policy tests made absent: IAM does not put
    /// it in the context, so a <c>StringEquals</c> on it never matches (no token is accepted) and a negated or
    /// <c>...IfExists</c> test on it always does.
    /// </summary>
    private static Dictionary<string, ContextValue> WithoutUnsupportedClaims(string provider, IamRole role, Dictionary<string, ContextValue> claims)
    {
        var prefix = ProviderHost(provider) + ":";
        foreach (var key in role.TrustPolicy!.Statements.SelectMany(s => s.Conditions).Select(c => c.Key)
                     .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !SupportedClaims.Contains(k[prefix.Length..])))
        {
            claims[key] = ContextValue.Absent;
        }

        return claims;
    }

    private const string GitHubActions = "token.actions.githubusercontent.com";
    private const string CognitoIdentity = "cognito-identity.amazonaws.com";

    // GitLab.com (`project_path:GROUP/PROJECT:ref_type:…:ref:…`) and HCP Terraform
    // (`organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE`): anyone may create a group or an
    // organization of a free name there, as on GitHub. A self-managed instance's groups are its own users'.
    private const string GitLab = "gitlab.com";
    private const string TerraformCloud = "app.terraform.io";

    private static bool IsCognito(string provider) => ProviderHost(provider) == CognitoIdentity;

    /// <summary>
    /// A subject matching one of the trust's `sub` patterns (with a Like operator) whose owner (the GitHub
    /// organization or user, the GitLab.com top-level group, the HCP Terraform organization: what follows
    /// <paramref name="prefix"/> up to one of <paramref name="ends"/>) has a wildcard, with the wildcards filled so that
    /// the owner is nobody of the estate's; null when every pattern pins its owner.
    /// </summary>
    private static string? OutsiderOwnerSubject(string provider, IamRole role, string prefix, char[] ends) =>
        role.TrustPolicy!.Statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Operator.Base is BaseOperator.StringLike && c.Key.Equals(ClaimKey(provider, "sub"), StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Where(pattern => pattern.StartsWith(prefix, StringComparison.Ordinal) && Owner(pattern, prefix, ends).IndexOfAny(['*', '?']) >= 0)
            .Select(pattern => pattern.Replace("*", "ward-outsider", StringComparison.Ordinal).Replace('?', 'x'))
            .FirstOrDefault();

    /// <summary>The owner part of a subject, <c>PREFIX OWNER …</c> (to the first of <paramref name="ends"/>, or the end).</summary>
    private static string Owner(string subject, string prefix, char[] ends)
    {
        var rest = subject[prefix.Length..];
        var end = rest.IndexOfAny(ends);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The identity pool a Cognito trust statement pins with `aud` (StringEquals), if any.</summary>
    private static string? PinnedPool(string provider, Statement statement) =>
        statement.Conditions
            .Where(c => !c.Operator.IsNegated && c.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase && c.Key.Equals(ClaimKey(provider, "aud"), StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values).FirstOrDefault();

    /// <summary>The claims of a guest (unauthenticated) identity of the pool: anyone on the internet gets one when the pool allows guests.</summary>
    private static Dictionary<string, ContextValue> GuestClaims(string provider, string pool, IamRole role) =>
        WithoutUnsupportedClaims(provider, role, new(StringComparer.OrdinalIgnoreCase)
        {
            [ClaimKey(provider, "sub")] = ContextValue.Of("eu-west-1:00000000-0000-0000-0000-000000000000"),
            [ClaimKey(provider, "aud")] = ContextValue.Of(pool),
            [ClaimKey(provider, "amr")] = ContextValue.Of(["unauthenticated"]),
        });

    /// <summary>The condition key of an OIDC claim: the provider's URL without scheme, then the claim.</summary>
    public static string ClaimKey(string provider, string claim) => $"{ProviderHost(provider)}:{claim}";

    private static string ProviderHost(string provider)
    {
        var marker = provider.IndexOf(":oidc-provider/", StringComparison.Ordinal);
        return marker >= 0 ? provider[(marker + ":oidc-provider/".Length)..] : provider;
    }
}
