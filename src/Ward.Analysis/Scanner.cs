using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;
using Ward.Analysis.Suppressions;
using Ward.Aws.Edges;
using Ward.Aws.Estate;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Analysis;

/// <summary>Runs every analysis over a loaded estate: graph, then every rule.</summary>
public static class Scanner
{
    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Scan(estate, referenceTime, ScanOptions.Default, progress, cancellationToken);

    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, AnalysisSettings settings, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Scan(estate, referenceTime, new ScanOptions { Settings = settings }, progress, cancellationToken);

    /// <summary>Scans, then hides the findings an unexpired suppression accepts; expired ones no longer hide anything.</summary>
    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, ScanOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report("building the entitlement graph");
        var graph = AwsGraphBuilder.Build(estate, referenceTime, targets: options.Targets, cancellationToken: cancellationToken);
        var context = new AnalysisContext(estate, graph, referenceTime)
        {
            Settings = options.Settings,
            Microsoft = options.Microsoft is { } microsoft ? new MicrosoftAnalysisContext(microsoft, referenceTime) : null,
            Gcp = options.Gcp is { IsEmpty: false } gcp ? new GcpAnalysisContext(gcp, referenceTime) : null,
        };
        progress?.Report($"running {RuleCatalog.All.Length} rules");
        var (ruleResults, sharedWorkTimes) = RunRules(context, cancellationToken);
        var findings = ruleResults.SelectMany(r => r.Findings).ToList();
        var skippedByRules = ruleResults.SelectMany(r => r.Skipped).ToList();

        var skipped = ImmutableArray.CreateBuilder<SkippedAnalysis>();
        var aws = !estate.Accounts.IsEmpty;
        if (aws && estate.Organization is null)
        {
            skipped.Add(new SkippedAnalysis("SCPs and RCPs", "no organization export was given: SCPs and RCPs are not applied, so some findings may not hold in an organization that blocks them"));
        }

        // Accounts known from other files (the organization, a credential report) whose IAM was not exported: their
        // principals are missing from every analysis, which the report says rather than leave it to the reader.
        var withoutIam = estate.Accounts.Where(a => a.Users.IsEmpty && a.Groups.IsEmpty && a.Roles.IsEmpty && a.Policies.IsEmpty).Select(a => a.Id)
            .Concat((estate.Organization?.Accounts ?? []).Select(a => a.Id).Where(id => !estate.Accounts.Any(a => a.Id == id)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (aws && withoutIam.Count > 0)
        {
            skipped.Add(new SkippedAnalysis(
                "IAM of some accounts",
                $"no get-account-authorization-details export for {withoutIam.Count} account{(withoutIam.Count == 1 ? string.Empty : "s")} ({string.Join(", ", withoutIam.Take(10))}{(withoutIam.Count > 10 ? ", …" : string.Empty)}): their users, roles and policies are in no analysis"));
        }

        if (aws && !estate.HasResourcePolicyExport)
        {
            skipped.Add(new SkippedAnalysis("resource exposure", "no resource-policies file was given: bucket, key, queue, topic, secret, function and repository policies are not known, so public and cross-account resources are not reported (and queries decide without resource policies)"));
        }

        if (aws && estate.HasResourcePolicyExport)
        {
            skipped.AddRange(InputCoverage.MissingS3Settings(estate));
        }

        if (aws)
        {
            skipped.AddRange(InputCoverage.Missing(estate, RuleCatalog.All));
        }

        if (context.Gcp is not null)
        {
            if (!context.Gcp.Estate.DenyPoliciesExported)
            {
                skipped.Add(new SkippedAnalysis("Google Cloud deny policies", "no IAM deny policy was exported: Google Cloud escalation paths and exposures are an upper bound (docs/gcp/evaluation.md)"));
            }

            if (!context.Gcp.Estate.PrincipalAccessBoundariesExported)
            {
                skipped.Add(new SkippedAnalysis("Google Cloud principal access boundaries", "no principal access boundary policy or policy binding was exported: Google Cloud escalation paths and exposures are an upper bound (docs/gcp/evaluation.md)"));
            }

            if (context.Gcp.Estate.GroupMemberships.IsEmpty)
            {
                skipped.Add(new SkippedAnalysis("Google Cloud group memberships", "group memberships are not exported: a group is analysed as one principal standing for its members, and a user's paths through its groups are not found"));
            }

            // `gcloud iam roles list` prints roles without their permissions: what those grant is unknown, which makes
            // every path through them conditional and admin-equivalence undecidable. Said once, not left to a warning.
            var unknownRoles = context.Gcp.Estate.Roles.Where(r => !r.PermissionsKnown).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            if (unknownRoles.Count > 0)
            {
                // The basic roles are known by name in part: Owner sets a project's allow policy, Editor acts as service accounts …
                var basic = unknownRoles.Where(Ward.Gcp.Iam.BasicRoles.IsBasic).ToList();
                var byName = basic.Count == 0 ? string.Empty
                    : $"; the basic role{(basic.Count == 1 ? string.Empty : "s")} among them ({string.Join(", ", basic)}) {(basic.Count == 1 ? "is" : "are")} known by name for the permissions that decide the escalation paths (Owner sets a project's allow policy, Editor acts as service accounts and creates instances, functions and services, none of them impersonates), not for the rest (docs/gcp/evaluation.md#roles)";
                skipped.Add(new SkippedAnalysis(
                    $"what {unknownRoles.Count} Google Cloud role{(unknownRoles.Count == 1 ? string.Empty : "s")} grant{(unknownRoles.Count == 1 ? "s" : string.Empty)} ({string.Join(", ", unknownRoles.Take(5))}{(unknownRoles.Count > 5 ? ", …" : string.Empty)})",
                    $"exported without `includedPermissions` (the view `gcloud iam roles list` prints): bindings of these roles may grant anything, so paths through them are conditional and who is owner-equivalent through them is not decided{byName}; export the roles with `gcloud iam roles describe` or the IAM API's `view=FULL` (scripts/export-gcp.sh does)"));
            }

            var withRbac = context.Gcp.Estate.KubernetesRoleBindings.Select(b => b.Cluster).ToHashSet(StringComparer.Ordinal);
            var withoutRbac = context.Gcp.Estate.Clusters.Where(c => !withRbac.Contains(c.Context)).Select(c => c.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (withoutRbac.Count > 0)
            {
                skipped.Add(new SkippedAnalysis(
                    $"Kubernetes RBAC of {withoutRbac.Count} GKE cluster{(withoutRbac.Count == 1 ? string.Empty : "s")} ({string.Join(", ", withoutRbac.Take(5))}{(withoutRbac.Count > 5 ? ", …" : string.Empty)})",
                    "not exported (scripts/export-gcp.sh --with-kubernetes): only IAM decides who may create pods there, so a path through Kubernetes RBAC alone is not found"));
            }
        }

        skipped.AddRange(InputCoverage.MissingEntra(context.Microsoft, RuleCatalog.All));

        // Rules say themselves what they left out, for whichever cloud they read (a Microsoft-only scan too).
        skipped.AddRange(skippedByRules);

        var ordered = findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Principal, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)
            .ToList();
        var active = options.Suppressions.Where(s => !s.IsExpiredAt(referenceTime)).ToList();
        var suppressed = ordered.Select(f => (Finding: f, By: active.Find(s => s.Matches(f)))).Where(x => x.By is not null).ToList();
        var hidden = suppressed.Select(x => x.Finding).ToHashSet();
        return new ScanResult(referenceTime, estate, graph, [.. ordered.Where(f => !hidden.Contains(f))], skipped.ToImmutable())
        {
            Inputs = options.Inputs ?? ScanInputs.Of(estate),
            Notes = InputCoverage.Notes(estate, referenceTime, options.Settings),
            Settings = options.Settings,
            Microsoft = context.Microsoft is { } microsoftContext ? MicrosoftEstateSummary.Of(microsoftContext) : null,
            Gcp = context.Gcp is { } gcpContext ? GcpEstateSummary.Of(gcpContext) : null,
            OtherNodes = NodesNamed(context, ordered),
            Suppressed = [.. suppressed.Select(x => new SuppressedFinding(x.Finding, x.By!))],
            Expired = [.. options.Suppressions.Where(s => s.IsExpiredAt(referenceTime))],
            Unused = [.. active.Where(s => !suppressed.Exists(x => ReferenceEquals(x.By, s)))],
            RuleTimes = [.. ruleResults.Select(r => new RuleTime(r.RuleId, r.Elapsed))],
            SharedWorkTimes = sharedWorkTimes,
        };
    }

    /// <summary>
    /// Runs the rules on every core, results in catalog order. What several rules read and is long to build (a
    /// provider's graph) is started first, each on a worker of its own: left to the first rule that asks, it would keep
    /// every other rule that asks waiting on a worker, while rules that need none of it queue behind.
    /// </summary>
    private static (RuleResult[] Rules, ImmutableArray<SharedWorkTime> Shared) RunRules(AnalysisContext context, CancellationToken cancellationToken)
    {
        var rules = RuleCatalog.All;
        var results = new RuleResult[rules.Length];
        (string Work, Action Build)[] shared = [.. context.Gcp?.SharedWork ?? [], .. context.Microsoft?.SharedWork ?? []];
        var sharedTimes = new SharedWorkTime[shared.Length];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var order = Partitioner.Create(Enumerable.Range(-shared.Length, shared.Length + rules.Length), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, parallel, index =>
        {
            if (index < 0)
            {
                var (work, build) = shared[shared.Length + index];
                var building = Stopwatch.GetTimestamp();
                build();
                sharedTimes[shared.Length + index] = new SharedWorkTime(work, Stopwatch.GetElapsedTime(building));
                return;
            }

            var rule = rules[index];
            var started = Stopwatch.GetTimestamp();
            var found = rule.Evaluate(context).Select(f => WithPrincipalNames(context, f)).ToList();
            var skipped = rule.Skipped(context).ToList();
            results[index] = new RuleResult(rule.Metadata.Id, found, skipped, Stopwatch.GetElapsedTime(started));
        });
        return (results, [.. sharedTimes]);
    }

    /// <summary>The Microsoft and Google Cloud graph nodes of the principals the findings name (only those: a tenant has 100,000 users).</summary>
    private static FrozenDictionary<string, GraphNode> NodesNamed(AnalysisContext context, List<Finding> findings)
    {
        if (context.Microsoft is null && context.Gcp is null)
        {
            return FrozenDictionary<string, GraphNode>.Empty;
        }

        // A plain dictionary, frozen once: an immutable one built entry by entry took a second for a tenant's 100,000 users.
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Provider is "aws" || nodes.ContainsKey(finding.Principal))
            {
                continue;
            }

            var id = new PrincipalId(finding.Principal);
            if (context.Microsoft?.Graph.Nodes.GetValueOrDefault(id) is { } microsoft)
            {
                nodes[finding.Principal] = microsoft;
            }
            else if (context.Gcp?.Graph.Graph.Nodes.GetValueOrDefault(id) is { } gcp)
            {
                nodes[finding.Principal] = gcp;
            }
        }

        return nodes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Rules name a principal as far as they need to; the names of an Entra ID or Azure principal are completed here,
    /// in one place for every rule, on the rule's own worker.
    /// </summary>
    private static Finding WithPrincipalNames(AnalysisContext context, Finding finding) =>
        context.Microsoft is { } microsoft && finding.Provider is "entra" or "azure" ? microsoft.WithPrincipalNames(finding) : finding;

    private sealed record RuleResult(string RuleId, List<Finding> Findings, List<SkippedAnalysis> Skipped, TimeSpan Elapsed);
}
