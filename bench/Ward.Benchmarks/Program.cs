using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Ward.Analysis;
using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Queries;
using Ward.Benchmarks;
using Ward.Gcp.Ingest;
using Ward.Aws.Estate;
using Ward.Microsoft;
using Ward.Reporting.Html;
using Ward.Reporting.Json;

// Usage:
//   dotnet run -c Release --project bench/Ward.Benchmarks -- generate <DIR> [users roles policies]
//   dotnet run -c Release --project bench/Ward.Benchmarks -- organization <DIR> [accounts]   (accounts of 500 principals + organization.json)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- tenant <DIR>   (an Entra tenant and Azure subscriptions: 100,000 users, 20,000 groups, 5,000 service principals, 200,000 assignments, 50 subscriptions)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- tenant-scan <DIR> [runs]   (a Microsoft estate: load, scan by rule, JSON report)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- gcp-organization <DIR> [projects]   (a Google Cloud organization: 5,000 projects, 50,000 service accounts, about 200,000 bindings)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- gcp-scan <DIR> [runs]   (a Google Cloud estate: load, scan by rule, JSON report)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- gcp-graph <DIR> [allocations]  (the Google Cloud graph and impersonations alone: edges by technique)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- estate <DIR> [runs]     (load and who-can timings)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- scan <DIR> [runs]       (load, scan, JSON and HTML reports; where the graph spends its time)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- graph <DIR> [technique ids...]   (the graph alone, with some techniques only)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- allocations <DIR>   (one scan: the types allocated most, sampled)
//   dotnet run -c Release --project bench/Ward.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter *]
if (args is ["generate", var directory, ..])
{
    var users = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12_000;
    var roles = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8_000;
    var policies = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5_000;
    Directory.CreateDirectory(directory);
    var path = Path.Combine(directory, "gaad.json");
    SyntheticEstate.Write(path, users, roles, policies);
    Console.WriteLine($"wrote {SyntheticEstate.Describe(path)} ({users} users, {roles} roles, {policies} customer-managed policies)");
    return 0;
}

if (args is ["tenant", var tenantDirectory, ..])
{
    var written = SyntheticTenant.Write(tenantDirectory);
    Console.WriteLine($"wrote an Entra tenant and 50 Azure subscriptions with {written} role, app-role and Azure role assignments under {tenantDirectory}");
    return 0;
}

if (args is ["tenant-scan", var tenantScanned, ..])
{
    // As `ward scan` reads a Microsoft estate: every file offered to the AWS loader first, then the rest to the
    // Microsoft loader; then the scan, rule by rule (the Microsoft graph is built by the first rule that asks for it).
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var totals = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var aws = AwsEstateLoader.Load([tenantScanned]);
        var awsLoad = watch.Elapsed.TotalSeconds;
        var microsoft = MicrosoftEstateLoader.Load(aws.Inputs.Where(i => i.Kind == InputKind.Unrecognized).Select(i => i.Path));
        var load = watch.Elapsed.TotalSeconds;
        var steps = new StepTimer();
        var options = new ScanOptions { Microsoft = new MicrosoftInputs(microsoft.Entra, microsoft.Azure) };
        var result = Scanner.Scan(aws, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture), options, steps);
        steps.Report("reports");
        JsonReporter.Write(result, Stream.Null);
        totals.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine($"run {run + 1}: AWS loader {awsLoad:F2} s, Microsoft loader {load - awsLoad:F2} s, scan and JSON report {totals[^1] - load:F2} s, total {totals[^1]:F2} s ({result.Findings.Length} findings), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s, {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F2} GiB allocated");
        Console.WriteLine("  slowest scan steps: " + string.Join(", ", steps.Slowest(8).Select(t => $"{t.Step} {t.Seconds:F2} s")));
        Console.WriteLine("  slowest rules (in parallel, so overlapping): " + SlowestRules(result));
    }

    Console.WriteLine($"median total {Median(totals):F2} s over {runs} runs");
    return 0;
}

if (args is ["gcp-organization", var gcpDirectory, ..])
{
    var projects = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
    var bindings = SyntheticGcpOrganization.Write(gcpDirectory, projects);
    Console.WriteLine($"wrote a Google Cloud organization of {projects} projects and {projects * 10} service accounts with {bindings} bindings under {gcpDirectory}");
    return 0;
}

if (args is ["gcp-scan", var gcpScanned, ..])
{
    // As `ward scan` reads a Google Cloud estate: every file offered to the AWS and Microsoft loaders first, then
    // what neither took to the Google Cloud loader; then the scan, rule by rule, and the JSON report.
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var totals = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var aws = AwsEstateLoader.Load([gcpScanned]);
        var awsLoad = watch.Elapsed.TotalSeconds;
        // A newline-delimited asset export is not one JSON document: AWS calls it invalid, not unrecognised.
        var notAws = aws.Inputs.Where(i => i.Kind is InputKind.Unrecognized or InputKind.Unreadable).Select(i => i.Path).ToList();
        var microsoft = MicrosoftEstateLoader.Load(notAws);
        var others = watch.Elapsed.TotalSeconds;
        var gcp = GcpEstateLoader.Load(microsoft.Inputs.Where(i => i.Kind is MicrosoftInputKind.NotRecognised or MicrosoftInputKind.Unreadable).Select(i => i.Path));
        var load = watch.Elapsed.TotalSeconds;
        var steps = new StepTimer();
        var result = Scanner.Scan(aws, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture), new ScanOptions { Gcp = gcp }, steps);
        steps.Report("reports");
        JsonReporter.Write(result, Stream.Null);
        totals.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine($"run {run + 1}: AWS loader {awsLoad:F2} s, Microsoft loader {others - awsLoad:F2} s, Google Cloud loader {load - others:F2} s ({gcp.Diagnostics.Length} diagnostics), scan and JSON report {totals[^1] - load:F2} s, total {totals[^1]:F2} s ({result.Findings.Length} findings), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s ({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections), {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F2} GiB allocated");
        Console.WriteLine("  slowest scan steps: " + string.Join(", ", steps.Slowest(8).Select(t => $"{t.Step} {t.Seconds:F2} s")));
        Console.WriteLine("  slowest rules (in parallel, so overlapping): " + SlowestRules(result));
    }

    Console.WriteLine($"median total {Median(totals):F2} s over {runs} runs");
    return 0;
}

if (args is ["organization", var orgDirectory, ..])
{
    // 100 accounts x 500 principals (300 users, 200 roles, 150 policies each) and their organization export.
    var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
    var accounts = Enumerable.Range(0, count).Select(i => (210000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
    for (var i = 0; i < accounts.Count; i++)
    {
        var folder = Path.Combine(orgDirectory, accounts[i]);
        Directory.CreateDirectory(folder);
        SyntheticEstate.Write(Path.Combine(folder, "gaad.json"), 300, 200, 150, 42 + i, accounts[i], accounts);
    }

    SyntheticEstate.WriteOrganization(Path.Combine(orgDirectory, "organization.json"), accounts);
    Console.WriteLine($"wrote {accounts.Count} accounts of 500 principals and organization.json under {orgDirectory}");
    return 0;
}

if (args is ["estate", var input, ..])
{
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
    var loads = new List<double>();
    var queries = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var estate = AwsEstateLoader.Load([input]);
        loads.Add(watch.Elapsed.TotalSeconds);
        var access = new AwsAccessQueries(estate, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture));
        watch.Restart();
        var answers = access.WhoCan("s3:PutObject", "arn:aws:s3:::payments-ledger/2026/q3.csv", new Dictionary<string, Ward.Aws.Policy.Evaluation.ContextValue>(StringComparer.Ordinal));
        queries.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine($"run {run + 1}: load {loads[^1]:F2} s ({estate.Users.Count + estate.Roles.Count} principals, {estate.Diagnostics.Length} diagnostics), who-can {queries[^1]:F3} s ({answers.Length} principals allowed or conditional), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    Console.WriteLine($"median load {Median(loads):F2} s, median who-can {Median(queries):F3} s over {runs} runs");
    return 0;
}

if (args is ["scan", var scanned, ..])
{
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var totals = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var estate = AwsEstateLoader.Load([scanned]);
        var load = watch.Elapsed.TotalSeconds;
        var loadPauses = GC.GetTotalPauseDuration();
        var loadCollections = GC.CollectionCount(2);
        var loadAllocated = GC.GetTotalAllocatedBytes();
        var steps = new StepTimer();
        var result = Scanner.Scan(estate, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture), steps);
        steps.Report("reports");
        var scan = watch.Elapsed.TotalSeconds - load;
        using (var output = Stream.Null)
        {
            JsonReporter.Write(result, output);
            HtmlReporter.Write(result, output);
        }

        totals.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine($"run {run + 1}: load {load:F2} s, scan {scan:F2} s, total with JSON and HTML reports {totals[^1]:F2} s ({result.Graph.Graph.Edges.Length} edges, {result.Findings.Length} findings), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s ({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections), {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F2} GiB allocated");
        Console.WriteLine($"  while loading: GC pauses {loadPauses.TotalSeconds:F2} s, {loadCollections} gen2 collections, {loadAllocated / (1024 * 1024 * 1024.0):F2} GiB allocated");
        Console.WriteLine($"  JIT (all threads, cumulative): {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s compiling {System.Runtime.JitInfo.GetCompiledMethodCount()} methods");
        Console.WriteLine("  slowest scan steps: " + string.Join(", ", steps.Slowest(8).Select(t => $"{t.Step} {t.Seconds:F2} s")));
        Console.WriteLine("  slowest rules (in parallel, so overlapping): " + SlowestRules(result));
        Console.WriteLine("  graph phases (wall): " + string.Join(", ", result.Graph.Timings.Where(t => t.Step.StartsWith("wall: ", StringComparison.Ordinal)).Select(t => $"{t.Step[6..]} {t.Elapsed.TotalSeconds:F2} s")));
        Console.WriteLine("  slowest graph steps (summed over threads): " + string.Join(", ", result.Graph.Timings.Where(t => !t.Step.StartsWith("wall: ", StringComparison.Ordinal)).Take(8).Select(t => $"{t.Step} {t.Elapsed.TotalSeconds:F2} s")));
    }

    Console.WriteLine($"median total {Median(totals):F2} s over {runs} runs");
    return 0;
}

if (args is ["allocations", var sampled])
{
    using var sampler = new AllocationSampler();
    var estate = AwsEstateLoader.Load([sampled]);
    var result = Scanner.Scan(estate, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture));
    JsonReporter.Write(result, Stream.Null);
    Console.WriteLine($"{GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F1} GiB allocated (load, scan, JSON report); sampled by type:");
    foreach (var (type, share) in sampler.Top(25))
    {
        Console.WriteLine($"  {share * 100,5:F1}% {type}");
    }

    return 0;
}

if (args is ["graph", var graphed, .. var techniques])
{
    // The graph alone, with some techniques only: where a technique spends its time.
    var estate = AwsEstateLoader.Load([graphed]);
    var checkers = AwsEdgeCheckers.All.Where(c => techniques.Length == 0 || techniques.Contains(c.TechniqueId, StringComparer.Ordinal)).ToList();
    var watch = Stopwatch.StartNew();
    var graph = AwsGraphBuilder.Build(estate, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture), checkers);
    Console.WriteLine($"graph of {checkers.Count} techniques: {watch.Elapsed.TotalSeconds:F2} s, {graph.Graph.Edges.Length} edges");
    Console.WriteLine("  " + string.Join(", ", graph.Timings.Select(t => $"{t.Step} {t.Elapsed.TotalSeconds:F2} s")));
    return 0;
}

if (args is ["gcp-graph", var gcpGraphed, .. var graphOptions])
{
    using var sampler = graphOptions is ["allocations"] ? new AllocationSampler() : null;
    // The Google Cloud graph and the service accounts' impersonations alone, one after the other: edges by technique.
    var gcp = GcpEstateLoader.Load(Directory.EnumerateFiles(gcpGraphed, "*", SearchOption.AllDirectories));
    var context = new GcpAnalysisContext(gcp, DateTimeOffset.Parse("2026-11-01T00:00:00Z", CultureInfo.InvariantCulture));
    Console.WriteLine($"loaded: {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F1} GiB allocated");
    var pauses = GC.GetTotalPauseDuration();
    var watch = Stopwatch.StartNew();
    var graph = context.Graph;
    Console.WriteLine($"graph: {watch.Elapsed.TotalSeconds:F2} s ({(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F2} s in GC pauses), {graph.Graph.Edges.Length} edges, {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F2} GiB allocated so far");
    pauses = GC.GetTotalPauseDuration();
    Console.WriteLine("  " + string.Join(", ", graph.Graph.Edges.CountBy(e => e.Technique).OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
    watch.Restart();
    var impersonations = context.Impersonations;
    Console.WriteLine($"impersonations: {watch.Elapsed.TotalSeconds:F2} s ({(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F2} s in GC pauses), {impersonations.Length} edges, {GC.GetTotalAllocatedBytes() / (1024 * 1024 * 1024.0):F2} GiB allocated so far");
    Console.WriteLine("  " + string.Join(", ", impersonations.CountBy(e => e.Technique).OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
    watch.Restart();
    var escalations = graph.Escalations();
    Console.WriteLine($"escalations: {watch.Elapsed.TotalSeconds:F2} s, {escalations.Length} principals with a path");
    // What the edges' texts would weigh unshared (GcpEdgeContext.Pooled keeps one copy of each).
    var edges = graph.Graph.Edges.Concat(impersonations).ToList();
    var grants = edges.SelectMany(e => e.Permissions).Select(p => p.GrantedBy).ToList();
    var descriptions = edges.Select(e => e.Description).ToList();
    Console.WriteLine($"edge texts: {grants.Count} binding names ({grants.Distinct(StringComparer.Ordinal).Count()} distinct, {Megabytes(grants)} MB if each were a copy, {Megabytes(grants.Distinct(StringComparer.Ordinal))} MB distinct), {descriptions.Count} descriptions ({descriptions.Distinct(StringComparer.Ordinal).Count()} distinct, {Megabytes(descriptions)} MB, {Megabytes(descriptions.Distinct(StringComparer.Ordinal))} MB)");
    foreach (var (type, share) in sampler?.Top(25) ?? [])
    {
        Console.WriteLine($"  {share * 100,5:F1}% {type}");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SyntheticEstate).Assembly).Run(args);
return 0;

static long Megabytes(IEnumerable<string> texts) => texts.Sum(t => (long)t.Length) * sizeof(char) / 1_000_000;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}


static string SlowestRules(ScanResult result) =>
    string.Join(", ", result.SharedWorkTimes.Select(t => $"{t.Work} (built first) {t.Elapsed.TotalSeconds:F2} s")
        .Concat(result.RuleTimes.OrderByDescending(t => t.Elapsed).Take(8).Select(t => $"{t.RuleId} {t.Elapsed.TotalSeconds:F2} s")));
