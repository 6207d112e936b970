using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Core.Decisions;

namespace Ward.Aws.Resources;

/// <summary>
/// Who each exported resource policy lets in: an anonymous caller, a role of an unrelated account, and a caller of
/// every other account the policy names, each probed by the evaluator on the type's sensitive actions, so
/// conditions, explicit denies and RCPs (a data perimeter) decide.
/// </summary>
/// <remarks>
/// As in <see cref="Trust.AwsTrustAnalysis"/>, the probe caller's own identity policies are taken as willing: the question
/// is what the resource's side lets in. Probes carry values that belong to nobody of the estate for the keys
/// resource policies use to keep outsiders out (organization, VPC, IP address), and use TLS. An anonymous caller and
/// a principal of another account call directly: their requests carry no source keys (<c>aws:SourceAccount</c>,
/// <c>aws:SourceArn</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOwner</c>), and come either from the internet (no VPC
/// keys) or through a VPC endpoint of their own, the more open answer counting. AWS service principals the policy
/// names, and the services a <c>*</c> statement's <c>aws:SourceArn</c> names, are probed as acting for a resource of
/// an unrelated account (source account, ARN and organization all outside): only a policy that pins
/// <c>aws:SourceAccount</c>, <c>aws:SourceArn</c> or <c>aws:SourceOrgID</c> keeps them to the owner's own resources.
/// A source condition that names another account or organization rather than one resource (<c>aws:SourceAccount</c>,
/// <c>aws:SourceOwner</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>) lets in services acting for any resource
/// of it: probed as such a service (<see cref="ResourceProbeKind.ServiceActingFor"/>), not as a principal of it.
/// </remarks>
public static class AwsResourceExposureAnalysis
{
    private const string LambdaFunctionType = "AWS::Lambda::Function";

    // KMS, Secrets Manager, ECR and EventBridge refuse unsigned requests: `*` there is any AWS account, never an anonymous caller.
    private static readonly FrozenSet<string> SignedRequestsOnly = FrozenSet.ToFrozenSet(["AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::ECR::Repository", "AWS::Events::EventBus"], StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<AwsEstate, ConcurrentDictionary<DateTimeOffset, ImmutableArray<ResourceAccess>>> Cache = new();

    /// <summary>Every probe of every exported resource policy (computed once per estate and reference time), by resource ARN.</summary>
    public static ImmutableArray<ResourceAccess> Of(AwsEstate estate, DateTimeOffset asOf) =>
        Cache.GetValue(estate, _ => new ConcurrentDictionary<DateTimeOffset, ImmutableArray<ResourceAccess>>()).GetOrAdd(asOf, time => Analyze(estate, time));

    private static ImmutableArray<ResourceAccess> Analyze(AwsEstate estate, DateTimeOffset asOf)
    {
        var queries = new AwsAccessQueries(estate, asOf);
        var known = ProbeCallers.KnownAccounts(estate);
        var results = ImmutableArray.CreateBuilder<ResourceAccess>();
        foreach (var resource in Resources(estate))
        {
            if (!SensitiveActions.For(resource.Type, resource.Arn).Any())
            {
                continue;
            }

            var first = results.Count;

            // A bucket's ACL grants count like statements of its policy.
            var acl = estate.S3Access.GetValueOrDefault(resource.Arn)?.Acl?.Document.Statements ?? [];
            var allows = resource.Document.Statements.Concat(acl).Where(s => s.Effect == Effect.Allow && s.Principal is not null).ToList();
            var everyone = allows.Where(s => s.Principal!.Negated || s.Principal.IsWildcardString || s.Principal.Entries.Any(e => e is (PrincipalType.Aws, "*"))).ToImmutableArray();
            var anonymous = resource.Type == LambdaFunctionType
                ? "an anonymous caller (no AWS credentials, through a function URL whose auth type is NONE)"
                : "an anonymous caller (no AWS credentials)";
            ResourceAccess? unsigned = null;
            if (!SignedRequestsOnly.Contains(resource.Type))
            {
                unsigned = Probe(queries, resource, ResourceProbeKind.Anonymous, "*", null, external: true, AwsPrincipal.Anonymous, anonymous, everyone);
                results.Add(unsigned);
            }

            // An outsider's role named as an aws:PrincipalArn pattern for any account would name it.
            var outsider = ConditionParty.OutsiderNamed(everyone, ProbeCallers.OutsiderAccount);
            var outsiderCaller = outsider ?? AwsPrincipal.Parse($"arn:aws:iam::{ProbeCallers.OutsiderAccount}:role/{ProbeName}");
            var inOrganization = Probe(queries, resource, ResourceProbeKind.AnyAccount, "*", null, external: true, outsiderCaller,
                outsider is null ? $"a role of an unrelated account ({ProbeCallers.OutsiderAccount}, outside the organization)" : $"`{outsider.Value}` (an unrelated account, outside the organization)", everyone);

            // Anyone can have an account in no organization, whose requests carry no aws:PrincipalOrgID at all.
            var standalone = Probe(queries, resource, ResourceProbeKind.AnyAccount, "*", null, external: true, outsiderCaller,
                outsider is null ? $"a role of an unrelated account in no organization ({ProbeCallers.OutsiderAccount}; its requests carry no aws:PrincipalOrgID)" : $"`{outsider.Value}` (an unrelated account in no organization: its requests carry no aws:PrincipalOrgID)",
                everyone, standalone: true);
            var anyAccount = Openness(standalone).CompareTo(Openness(inOrganization)) > 0 ? standalone : inOrganization;
            results.Add(anyAccount);

            // Services act for whoever owns the resource that triggers them (a topic, a bucket, a trail): without a
            // source condition, any account's resource can make the service act on this one.
            var services = allows.Where(s => !s.Principal!.Negated)
                .SelectMany(s => s.Principal!.Entries.Where(e => e.Type == PrincipalType.Service).Select(e => (Statement: s, Service: e.Value)))
                .GroupBy(x => x.Service, StringComparer.OrdinalIgnoreCase)
                .ToList();

            // `*` narrowed only by a source condition that fixes no account (aws:SourceAccount `*`, aws:SourceArn
            // `arn:aws:sns:*:*:*` or `arn:aws:s3:::*`, aws:SourceOrgID `*`): anyone can make a service act on the resource
            // from a resource of their own, so it is public, as S3 deems it. Probed as the service the statement asks for
            // or its source ARN names, else any service, acting for an outsider's resource the conditions admit.
            var isPublic = unsigned is { Admitted.IsEmpty: false } || !anyAccount.Admitted.IsEmpty;
            var anySource = isPublic ? [] : everyone.Where(s => !s.Principal!.Negated && ConditionParty.AdmitsAnySource(s)).ToImmutableArray();
            foreach (var group in anySource.GroupBy(s => ServiceAskedFor([s]) ?? SourceService(s) ?? ProbeCallers.AnyService, StringComparer.OrdinalIgnoreCase))
            {
                ImmutableArray<Statement> statements = [.. group];
                var keys = ConditionParty.AnySource(statements, ProbeCallers.OutsiderAccount);
                var who = group.Key == ProbeCallers.AnyService ? $"any AWS service (probed as `{group.Key}`)" : $"`{group.Key}`";
                var actingFor = keys.TryGetValue("aws:SourceArn", out var sourceArn) ? $"`{sourceArn}` of an unrelated account ({keys["aws:SourceAccount"]})"
                    : $"a resource of an unrelated account ({(keys.TryGetValue("aws:SourceAccount", out var sourceAccount) ? sourceAccount : ProbeCallers.OutsiderAccount)})";
                results.Add(Probe(queries, resource, ResourceProbeKind.ServiceForAnyAccount, "*", null, external: true, AwsPrincipal.Parse(group.Key), $"{who} acting for {actingFor}", statements, keys)
                    with { ActingService = group.Key });
            }

            // `*` narrowed by a source condition lets in only services acting for a resource (a direct call carries no
            // source keys): the service the source ARN names, acting for an outsider's resource the condition admits.
            List<IGrouping<string, (Statement Statement, string Service)>> deputies = isPublic
                ? services
                : [.. allows.Where(s => !s.Principal!.Negated).SelectMany(s => s.Principal!.Entries.Where(e => e.Type == PrincipalType.Service).Select(e => (Statement: s, Service: e.Value)))
                    .Concat(everyone.Where(s => !s.Principal!.Negated && !anySource.Contains(s)).Select(s => (Statement: s, Service: SourceService(s))).Where(x => x.Service is not null).Select(x => (x.Statement, Service: x.Service!)))
                    .GroupBy(x => x.Service, StringComparer.OrdinalIgnoreCase)];
            foreach (var service in deputies)
            {
                ImmutableArray<Statement> statements = [.. service.Select(x => x.Statement).Distinct()];
                var source = ConditionParty.OutsiderSource(statements, ProbeCallers.OutsiderAccount);
                var actingFor = source.TryGetValue("aws:SourceArn", out var arn) ? $"`{arn}` of an unrelated account ({source["aws:SourceAccount"]})"
                    : $"a resource of an unrelated account ({(source.TryGetValue("aws:SourceAccount", out var account) ? account : ProbeCallers.OutsiderAccount)})";
                results.Add(Probe(queries, resource, ResourceProbeKind.Service, service.Key, null, external: true, AwsPrincipal.Parse(service.Key),
                    $"`{service.Key}` acting for {actingFor}", statements));
            }

            var named = allows.Where(s => !s.Principal!.Negated)
                .SelectMany(s => s.Principal!.Entries.Where(e => e.Type == PrincipalType.Aws && e.Value != "*").Select(e => (Statement: s, Party: e.Value)))
                .GroupBy(x => x.Party, StringComparer.Ordinal)
                .ToList();
            foreach (var party in named)
            {
                var parsed = AwsPrincipal.Parse(party.Key);
                if (parsed.Account is not { } account || account == resource.Account || IsOriginAccessIdentity(party.Key))
                {
                    continue;
                }

                var caller = parsed is { IsAuthenticated: true, Type: not (AwsPrincipalType.AccountRoot or AwsPrincipalType.WebIdentity or AwsPrincipalType.Service) }
                    ? parsed
                    : AwsPrincipal.Parse($"arn:aws:iam::{account}:role/{ProbeName}");
                results.Add(Probe(queries, resource, ResourceProbeKind.Account, party.Key, account, !known.Contains(account), caller, $"`{caller.Value}`", [.. party.Select(x => x.Statement).Distinct()]));
            }

            // `*` or a service narrowed by a condition naming another account (its principals, or a resource of it a
            // service acts for: another account's topic sending to a queue) lets that account in.
            var namedAccounts = named.Select(p => AwsPrincipal.Parse(p.Key).Account).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var conditionParties = ConditionParty.Of(everyone, ProbeName).Select(p => (Party: p, Caller: p.Caller, Statements: everyone))
                .Concat(services.SelectMany(service => ConditionParty.Of(service.Select(x => x.Statement), ProbeName).Where(p => !p.Keys.IsEmpty)
                    .Select(p => (Party: p, Caller: AwsPrincipal.Parse(service.Key), Statements: service.Select(x => x.Statement).Distinct().ToImmutableArray()))));
            foreach (var (party, caller, statements) in conditionParties.Where(x => x.Party.Account != resource.Account && !namedAccounts.Contains(x.Party.Account)))
            {
                if (party.IsSourceAccount)
                {
                    // A source account, not one resource of it: any of its resources that makes a service act (the service
                    // named, or any for `*`) gets in; the account's principals, calling directly, carry no source keys.
                    results.Add(ActingFor(queries, resource, party.Written, party.Account, !known.Contains(party.Account), caller.Type == AwsPrincipalType.Service ? caller.Value : null,
                        statements, party.Keys.SetItems(SourceOrganizationOf(estate, party.Account)), $"a resource of account {party.Account}"));
                    continue;
                }

                var description = party.Keys.ContainsKey("aws:SourceArn") || party.Keys.ContainsKey("aws:SourceAccount")
                    ? $"`{caller.Value}` acting for `{party.Written}` (account {party.Account})"
                    : $"`{caller.Value}`";
                results.Add(Probe(queries, resource, ResourceProbeKind.Account, party.Written, party.Account, !known.Contains(party.Account), caller, description, statements, party.Keys));
            }

            // `*` narrowed to another organization lets every principal of it in.
            foreach (var organization in ConditionParty.ForeignOrganizations(everyone, estate.Organization?.Id))
            {
                var caller = AwsPrincipal.Parse($"arn:aws:iam::{ProbeCallers.OutsiderAccount}:role/{ProbeName}");
                results.Add(Probe(queries, resource, ResourceProbeKind.Organization, organization, null, external: true, caller,
                    $"a role of an account ({ProbeCallers.OutsiderAccount}) of organization {organization}", everyone, ConditionParty.OrganizationKeys(organization)) with { IsExternal = true });
            }

            // `*` or a service narrowed by aws:SourceOrgID or aws:SourceOrgPaths to another organization: a service acting
            // for a resource of any account of it gets in.
            // A path naming an organizational unit is a party of its own, probed on that path.
            foreach (var (statements, service) in services.Select(g => (Statements: g.Select(x => x.Statement).Distinct().ToImmutableArray(), Service: (string?)g.Key)).Prepend((everyone, null)))
            {
                foreach (var organization in ConditionParty.ForeignSourceOrganizations(statements, estate.Organization?.Id, ProbeCallers.OutsiderAccount))
                {
                    var under = organization.Path is { } path ? $" under `{path}`" : string.Empty;
                    results.Add(ActingFor(queries, resource, organization.Organization, null, external: true, service, organization.Statements, organization.Keys,
                        $"a resource of an account ({ProbeCallers.OutsiderAccount}){under} of organization {organization.Organization}") with { IsExternal = true, SourcePath = organization.Path });
                }
            }

            // `*` narrowed to a service and a statement naming that service, each for one account or organization: one share.
            MergeActingFor(results, first);

            // ACL grants to an account known only by its canonical user ID (none of the exported buckets' owners):
            // probed as an account outside the organization (which account it is, the export does not say).
            var canonical = allows.Where(s => !s.Principal!.Negated)
                .SelectMany(s => s.Principal!.Entries.Where(e => e.Type == PrincipalType.CanonicalUser).Select(e => (Statement: s, Id: e.Value)))
                .GroupBy(x => x.Id, StringComparer.Ordinal);
            foreach (var party in canonical)
            {
                var caller = new AwsPrincipal(AwsPrincipalType.AccountRoot, party.Key, null, "canonical user");
                results.Add(Probe(queries, resource, ResourceProbeKind.Account, party.Key, null, external: true, caller,
                    $"the account with canonical user ID `{party.Key}`", [.. party.Select(x => x.Statement).Distinct()]) with { IsExternal = true });
            }
        }

        return results.ToImmutable();
    }

    /// <summary>
    /// The exported resource policies, and the buckets whose ACL grants access without a bucket policy (standing in
    /// for a policy with none of its own statements).
    /// </summary>
    private static IEnumerable<AwsResourcePolicy> Resources(AwsEstate estate) =>
        estate.ResourcePolicies.Values
            .Concat(estate.S3Access.Values.Where(b => b.Acl is not null && !estate.ResourcePolicies.ContainsKey(b.Arn)).Select(b => new AwsResourcePolicy
            {
                Arn = b.Arn,
                Type = "AWS::S3::Bucket",
                Account = b.Account,
                Region = b.Region,
                Document = new PolicyDocument { Version = PolicyVersion.Version2012, Statements = [] },
                Location = b.Location,
            }))
            .OrderBy(r => r.Arn, StringComparer.Ordinal);

    private const string ProbeName = "ward-resource-probe";

    /// <summary>
    /// A service acting for a resource of the account or organization the <paramref name="source"/> keys name
    /// (<c>aws:SourceAccount</c>, <c>aws:SourceOwner</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>): the
    /// <paramref name="service"/> a statement names, else one an <c>aws:PrincipalServiceName</c> test asks for, else
    /// the service an open <c>aws:SourceArn</c> pattern names, else any (<see cref="ProbeCallers.AnyService"/>). Asked
    /// without <c>aws:SourceArn</c> (not every service sets it) and, where a source ARN pattern leaves the account
    /// open, for a resource of that account it matches; the more open answer counts, so the evaluator decides what an
    /// IfExists test or a test on the service makes of it.
    /// </summary>
    private static ResourceAccess ActingFor(AwsAccessQueries queries, AwsResourcePolicy resource, string party, string? partyAccount, bool external, string? service, ImmutableArray<Statement> statements, ImmutableDictionary<string, ContextValue> source, string whose)
    {
        var account = source["aws:SourceAccount"].Text ?? ProbeCallers.OutsiderAccount;
        var named = service ?? ServiceAskedFor(statements);
        var best = (ResourceAccess?)null;
        foreach (var arn in ConditionParty.SourceArnFor(statements, account) is { } matching ? [null, matching] : new string?[] { null })
        {
            var caller = named ?? (arn is null ? null : ServiceOf(arn)) ?? ProbeCallers.AnyService;
            var keys = new Dictionary<string, ContextValue>(source, StringComparer.OrdinalIgnoreCase) { ["aws:SourceArn"] = arn is null ? ContextValue.Absent : ContextValue.Of(arn) };
            var who = caller == ProbeCallers.AnyService ? $"any AWS service (probed as `{caller}`)" : $"`{caller}`";
            var description = arn is null
                ? $"{who} acting for {whose} (its request carrying {string.Join(", ", source.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))} and no aws:SourceArn)"
                : $"{who} acting for `{arn}` ({whose})";
            var access = Ask(queries, resource, ResourceProbeKind.ServiceActingFor, party, partyAccount, external, AwsPrincipal.Parse(caller), description, statements, keys, standalone: false, throughOwnEndpoint: null) with { ActingService = caller };
            best = best is null || Openness(access).CompareTo(Openness(best)) > 0 ? access : best;
        }

        return best!;
    }

    /// <summary>
    /// Merges the probes of services acting for one party of one resource (from <paramref name="start"/> on) that
    /// the same service makes, through a statement open to <c>*</c> that asks for it (<c>aws:PrincipalServiceName</c>,
    /// an <c>aws:SourceArn</c> pattern of its service) and through one naming it: one share, listed once, with the
    /// more open answer for each action and the statements of both. The probe described is the one that answered the
    /// first action let in.
    /// </summary>
    private static void MergeActingFor(ImmutableArray<ResourceAccess>.Builder results, int start)
    {
        var seen = new Dictionary<(string? Service, string Party, string? Path), int>();
        for (var i = start; i < results.Count; i++)
        {
            var access = results[i];
            if (access.Kind != ResourceProbeKind.ServiceActingFor)
            {
                continue;
            }

            if (!seen.TryAdd((access.ActingService, access.Party, access.SourcePath), i))
            {
                var kept = seen[(access.ActingService, access.Party, access.SourcePath)];
                results[kept] = Merged(results[kept], access);
                results.RemoveAt(i);
                i--;
            }
        }
    }

    private static ResourceAccess Merged(ResourceAccess kept, ResourceAccess other)
    {
        ImmutableArray<ProbedAction> actions = [.. kept.Actions.Zip(other.Actions, (a, b) => Rank(b) > Rank(a) ? b : a)];
        var answering = actions.FirstOrDefault(a => a.Admits);
        var description = answering is not null && !kept.Actions.Contains(answering) ? other.ProbeCaller : kept.ProbeCaller;
        return kept with
        {
            ProbeCaller = description,
            IsExternal = kept.IsExternal || other.IsExternal,
            Statements = [.. kept.Statements.Concat(other.Statements).Distinct()],
            Actions = actions,
        };

        static int Rank(ProbedAction action) => action.Decision.Kind switch
        {
            DecisionKind.Allowed => 2,
            DecisionKind.Conditional => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// The source organization keys of a resource of <paramref name="account"/>: the exported organization's, with the
    /// account's path, when the account is in it; else those of an outsider's organization.
    /// </summary>
    private static Dictionary<string, ContextValue> SourceOrganizationOf(AwsEstate estate, string account) =>
        estate.Organization is { } organization && organization.Contains(account)
            ? new(StringComparer.OrdinalIgnoreCase)
            {
                ["aws:SourceOrgID"] = ContextValue.Of(organization.Id),
                ["aws:SourceOrgPaths"] = ContextValue.Of([organization.OrgPathFor(account) ?? $"{organization.Id}/r-ward/"]),
            }
            : new(StringComparer.OrdinalIgnoreCase)
            {
                ["aws:SourceOrgID"] = ContextValue.Of(ProbeCallers.OutsiderOrganization),
                ["aws:SourceOrgPaths"] = ContextValue.Of([ProbeCallers.OutsiderOrganizationPath]),
            };

    /// <summary>
    /// The service a non-negated string test on <c>aws:PrincipalServiceName</c> (or <c>aws:PrincipalServiceNamesList</c>)
    /// of the statements asks for, wildcards filled; null when none does.
    /// </summary>
    private static string? ServiceAskedFor(IEnumerable<Statement> statements) =>
        statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringLike
                && (c.Key.Equals("aws:PrincipalServiceName", StringComparison.OrdinalIgnoreCase) || c.Key.Equals("aws:PrincipalServiceNamesList", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(c => c.Values)
            .Select(v => v.Replace("*", "ward-probe", StringComparison.Ordinal).Replace('?', 'x'))
            .FirstOrDefault(v => AwsPrincipal.Parse(v).Type == AwsPrincipalType.Service);

    /// <summary>How far a probe got: the actions certainly allowed, then those allowed under conditions.</summary>
    private static (int Allowed, int Conditional) Openness(ResourceAccess access) =>
        (access.Actions.Count(a => a.Decision.Kind == DecisionKind.Allowed), access.Actions.Count(a => a.Decision.Kind == DecisionKind.Conditional));

    private static ResourceAccess Probe(AwsAccessQueries queries, AwsResourcePolicy resource, ResourceProbeKind kind, string party, string? partyAccount, bool external, AwsPrincipal caller, string description, ImmutableArray<Statement> statements, IReadOnlyDictionary<string, ContextValue>? keys = null, bool standalone = false)
    {
        // A service acts for a resource, whose source keys its request carries. Anyone else calls directly, with
        // none of them: from the internet, or through a VPC endpoint of its own; the more open answer counts.
        if (kind is ResourceProbeKind.Service or ResourceProbeKind.ServiceForAnyAccount || (keys?.Keys.Any(ProbeCallers.IsServiceSourceKey) ?? false))
        {
            return Ask(queries, resource, kind, party, partyAccount, external, caller, description, statements, keys, standalone, throughOwnEndpoint: null);
        }

        var internet = Ask(queries, resource, kind, party, partyAccount, external, caller, description, statements, keys, standalone, throughOwnEndpoint: false);
        var endpoint = Ask(queries, resource, kind, party, partyAccount, external, caller, $"{description} {ProbeCallers.ThroughOwnEndpoint}", statements, keys, standalone, throughOwnEndpoint: true);
        return Openness(endpoint).CompareTo(Openness(internet)) > 0 ? endpoint : internet;
    }

    private static ResourceAccess Ask(AwsAccessQueries queries, AwsResourcePolicy resource, ResourceProbeKind kind, string party, string? partyAccount, bool external, AwsPrincipal caller, string description, ImmutableArray<Statement> statements, IReadOnlyDictionary<string, ContextValue>? keys, bool standalone, bool? throughOwnEndpoint)
    {
        var context = OutsiderContext(resource, caller, external, standalone);
        if (throughOwnEndpoint is { } endpoint)
        {
            ProbeCallers.AddDirectCall(context, endpoint);

            // An outsider tags its own principal as an aws:PrincipalTag condition asks.
            if (external && caller.IsAuthenticated && ConditionParty.OutsiderTags(statements) is { Count: > 0 } tags)
            {
                foreach (var (key, value) in tags)
                {
                    context[key] = value;
                }

                description += ConditionParty.TaggedSo(tags);
            }
        }
        else
        {
            // A service acting for a resource of an unrelated account: its keys name that resource. A source
            // condition whose values fix no account (`arn:aws:s3:::logs-*`, `arn:aws:sns:*:*:*`) lets in a resource
            // of an outsider's so named: the probe acts for one.
            context["aws:SourceAccount"] = ContextValue.Of(ProbeCallers.OutsiderAccount);
            context["aws:SourceArn"] = ContextValue.Of($"arn:aws:sns:us-east-1:{ProbeCallers.OutsiderAccount}:ward-outsider");
            context["aws:SourceOrgID"] = ContextValue.Of(ProbeCallers.OutsiderOrganization);
            context["aws:SourceOrgPaths"] = ContextValue.Of(ProbeCallers.OutsiderOrganizationPath);
            context["aws:SourceOwner"] = ContextValue.Of(ProbeCallers.OutsiderAccount);
            context["aws:SourceVpc"] = ContextValue.Of(ProbeCallers.OutsiderVpc);
            context["aws:SourceVpce"] = ContextValue.Of(ProbeCallers.OutsiderVpce);
            keys ??= ConditionParty.OutsiderSource(statements, ProbeCallers.OutsiderAccount);
        }

        foreach (var (key, value) in keys ?? ImmutableDictionary<string, ContextValue>.Empty)
        {
            context[key] = value;
        }

        // An address range S3 deems public (wider than /8, or /32 for IPv6) holds addresses of anyone's: the probe comes
        // from one (but not through a VPC endpoint, whose requests carry no aws:SourceIp).
        if (throughOwnEndpoint != true && BroadRangeAddress(statements) is { } address)
        {
            context["aws:SourceIp"] = ContextValue.Of(address);
        }

        var actions = SensitiveActions.For(resource.Type, resource.Arn)
            .Select(p => Surest((p.OnObject ? SensitiveActions.ObjectProbes(p.Resource, statements) : [p.Resource])
                .Select(target => new ProbedAction(p.Action, target, p.IsCritical, queries.Can(caller, p.Action, target, WithFunctionUrl(context, caller, p.Action), adjust: ProbeCallers.Willingly).Decision))))
            .ToImmutableArray();
        if (resource.Type == LambdaFunctionType && !caller.IsAuthenticated)
        {
            actions = ThroughFunctionUrl(actions);
        }

        return new ResourceAccess(resource, kind, party, partyAccount, external && partyAccount is not null, description, statements, actions);
    }

    /// <summary>
    /// An unsigned caller reaches a function only through a function URL whose auth type is NONE, and invoking one
    /// needs <c>lambda:InvokeFunctionUrl</c>: <c>lambda:InvokeFunction</c> granted to <c>*</c> without it lets in the
    /// signed requests of any account, not an anonymous caller. So the anonymous probe's <c>lambda:InvokeFunction</c>
    /// is denied when its <c>lambda:InvokeFunctionUrl</c> is, and holds only under the URL's requirements when those
    /// are conditional.
    /// </summary>
    private static ImmutableArray<ProbedAction> ThroughFunctionUrl(ImmutableArray<ProbedAction> actions)
    {
        var url = actions.FirstOrDefault(a => a.Action == "lambda:InvokeFunctionUrl")?.Decision;
        return url is null ? actions : [.. actions.Select(a => a.Action != "lambda:InvokeFunction" || !a.Admits ? a : url switch
        {
            { Kind: DecisionKind.Allowed } => a,
            Conditional conditional when a.Decision.Kind == DecisionKind.Allowed => a with
            {
                Decision = new Conditional(conditional.Requirements, conditional.Otherwise, a.Decision.Explanation),
            },
            Conditional => a,
            _ => a with
            {
                Decision = new ImplicitDeny(Explanation.Of(
                    $"Not reachable without AWS credentials: an unsigned caller reaches the function only through a function URL whose auth type is NONE, which needs lambda:InvokeFunctionUrl, and that is not granted to anonymous callers ({url.Explanation.Summary}). The resource policy's grant of lambda:InvokeFunction holds for signed requests."))
            },
        })];
    }

    private static readonly byte[] ProbeAddressV4 = IPAddress.Parse("198.18.0.10").GetAddressBytes();

    // In 2001:2::/48, reserved for benchmarking (RFC 5180) like the IPv4 probe address.
    private static readonly byte[] ProbeAddressV6 = IPAddress.Parse("2001:2::a").GetAddressBytes();

    /// <summary>
    /// An address inside a range that an <c>IpAddress</c> test on <c>aws:SourceIp</c> of the statements allows and that
    /// S3 deems public ("The meaning of public": ranges broader than /8 for IPv4 and /32 for IPv6): the probe
    /// address with the range's network bits. Null when every range is narrower.
    /// </summary>
    private static string? BroadRangeAddress(IEnumerable<Statement> statements) =>
        statements.SelectMany(s => s.Conditions)
            .Where(c => c.Operator.Base == BaseOperator.IpAddress && !c.Operator.IsNegated && c.Key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(AddressInBroadRange)
            .FirstOrDefault(a => a is not null);

    private static string? AddressInBroadRange(string range)
    {
        if (!range.Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(range, out var network))
        {
            return null;
        }

        var v6 = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        if (network.PrefixLength >= (v6 ? 32 : 8))
        {
            return null;
        }

        var bytes = (byte[])(v6 ? ProbeAddressV6 : ProbeAddressV4).Clone();
        var based = network.BaseAddress.GetAddressBytes();
        for (var bit = 0; bit < network.PrefixLength; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            bytes[bit / 8] = (byte)((bytes[bit / 8] & ~mask) | (based[bit / 8] & mask));
        }

        return new IPAddress(bytes).ToString();
    }

    /// <summary>
    /// A CloudFront origin access identity (<c>arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID</c>) is
    /// no account: only distributions of the account that created it can use it, as a bucket owner's own CloudFront.
    /// </summary>
    private static bool IsOriginAccessIdentity(string party) =>
        party.StartsWith("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ", StringComparison.Ordinal);

    /// <summary>The first probe that is allowed, else the first allowed under conditions, else the first.</summary>
    private static ProbedAction Surest(IEnumerable<ProbedAction> probes)
    {
        ProbedAction? first = null;
        ProbedAction? conditional = null;
        foreach (var probe in probes)
        {
            if (probe.Decision.Kind == DecisionKind.Allowed)
            {
                return probe;
            }

            first ??= probe;
            conditional ??= probe.Decision.Kind == DecisionKind.Conditional ? probe : null;
        }

        return conditional ?? first ?? throw new ArgumentException("no probe", nameof(probes));
    }

    /// <summary>
    /// An unsigned request reaches a function only through a function URL whose auth type is NONE (Lambda refuses
    /// unsigned calls to its API and to AWS_IAM URLs), so the anonymous probe's invocations carry the keys such a
    /// request has: <c>lambda:FunctionUrlAuthType</c> NONE, and <c>lambda:InvokedViaFunctionUrl</c> true (URLs created
    /// since October 2025 also need <c>lambda:InvokeFunction</c>). A signed caller may come either way: left unknown.
    /// </summary>
    private static Dictionary<string, ContextValue> WithFunctionUrl(Dictionary<string, ContextValue> context, AwsPrincipal caller, string action)
    {
        (string Key, string Value)? key = action switch
        {
            "lambda:InvokeFunctionUrl" => ("lambda:FunctionUrlAuthType", "NONE"),
            "lambda:InvokeFunction" => ("lambda:InvokedViaFunctionUrl", "true"),
            _ => null,
        };
        return caller.IsAuthenticated || key is not { } known
            ? context
            : new Dictionary<string, ContextValue>(context, StringComparer.OrdinalIgnoreCase) { [known.Key] = ContextValue.Of(known.Value) };
    }

    /// <summary>
    /// The service an Allow statement open to <c>*</c> lets in through its source condition: the service of the first
    /// <c>aws:SourceArn</c> value that names one (<c>arn:aws:sns:…</c> → <c>sns.amazonaws.com</c>); null when none does.
    /// </summary>
    private static string? SourceService(Statement statement) =>
        statement.Conditions
            .Where(c => !c.Operator.IsNegated && c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(ServiceOf)
            .FirstOrDefault(s => s is not null);

    /// <summary>The service whose resource an ARN names (<c>arn:aws:sns:…</c> → <c>sns.amazonaws.com</c>); null when its service part is a pattern.</summary>
    private static string? ServiceOf(string arn) =>
        arn.Split(':') is { Length: >= 6 } parts && parts[0] == "arn" && parts[2].Length > 0 && parts[2].IndexOfAny(['*', '?', '$']) < 0
            ? parts[2] switch
            {
                "execute-api" => "apigateway.amazonaws.com",
                var service => $"{service}.amazonaws.com",
            }
            : null;

    /// <summary>A call over TLS that comes from nowhere the estate knows: no address of its own.</summary>
    private static Dictionary<string, ContextValue> OutsiderContext(AwsResourcePolicy resource, AwsPrincipal caller, bool external, bool standalone)
    {
        var context = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:ResourceAccount"] = ContextValue.Of(resource.Account),
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            // Reserved for benchmarking (RFC 2544), so no real policy names it; the documentation ranges are in examples.
            ["aws:SourceIp"] = ContextValue.Of("198.18.0.10"),
        };
        if (resource.Region is { } region)
        {
            context["aws:RequestedRegion"] = ContextValue.Of(region);
        }

        if (external && caller.IsAuthenticated)
        {
            // Outsiders belong to an organization of their own, or to none (no organization keys at all). An
            // anonymous caller has no principal keys at all (its context says so), which `Null` conditions and the
            // IfExists operators treat differently.
            ProbeCallers.AddOutsiderOrganization(context, standalone);
        }

        return context;
    }
}
