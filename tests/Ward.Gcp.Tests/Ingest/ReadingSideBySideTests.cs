using System.Collections;
using System.Collections.Concurrent;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>
/// Files, and the chunks of a newline-delimited export, are read on every core into entries of their own and appended
/// in input order: the estate must be the one reading them one by one gives.
/// </summary>
public sealed class ReadingSideBySideTests
{
    [Fact]
    public void Appending_entries_carries_every_kind_of_entry()
    {
        // Given entries read apart holding one of everything ReadEntries keeps
        var members = new ConcurrentDictionary<string, Member>(StringComparer.Ordinal);
        var earlier = new ReadEntries(members);
        var later = new ReadEntries(members);
        var location = new SourceLocation("later.json", "$");
        foreach (var property in typeof(ReadEntries).GetProperties())
        {
            var value = property.GetValue(later);
            switch (value)
            {
                case List<TagListing> listings:
                    listings.Add(new TagListing("//compute.googleapis.com/projects/p/zones/z/instances/i", Effective: false, location));
                    break;
                case HashSet<string> set:
                    set.Add("projects/p");
                    break;
                case IList list:
                    list.Add(null);
                    break;
                case bool:
                    property.SetValue(later, true);
                    break;
                case int when property.CanWrite:
                    property.SetValue(later, 1);
                    break;
                case int or ConcurrentDictionary<string, Member>:
                    break;
                default:
                    Assert.Fail($"ReadEntries.{property.Name} is of a kind this test does not fill: teach Append and this test about it");
                    break;
            }
        }

        // When they are appended to other entries
        earlier.Append(later);

        // Then every list, set, flag and counter has it (a part Append forgets is left empty)
        foreach (var property in typeof(ReadEntries).GetProperties().Where(p => p.Name is not (nameof(ReadEntries.Members) or nameof(ReadEntries.Count))))
        {
            var value = property.GetValue(earlier);
            var carried = value switch
            {
                ICollection collection => collection.Count == 1,
                HashSet<string> set => set.Count == 1,
                bool flag => flag,
                int count => count == 1,
                _ => false,
            };
            Assert.True(carried, $"ReadEntries.{property.Name} was not appended");
        }

        Assert.Same(members, earlier.Members);
    }

    [Fact]
    public void A_long_newline_delimited_export_keeps_its_line_order_across_workers()
    {
        // Given an asset export of 1,000 project policies (several chunks of lines), whose line 700 is truncated and
        // whose line 900 repeats line 3's project with another role
        var lines = Enumerable.Range(1, 1000).Select(ProjectPolicyLine).ToList();
        lines[699] = """{"name":"//cloudresourcemanager.googleapis.com/projects/""";
        lines[899] = ProjectPolicyLine(3).Replace("roles/viewer", "roles/editor", StringComparison.Ordinal);
        using var scratch = new ScratchFolder(("iam-policy.json", string.Join('\n', lines) + "\n"));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then line 700 is reported at its line, line 900 is the duplicate (line 3 is kept), and the policies are in line
        // order (the note counts the 999 read, the duplicate too)
        Assert.Equal(700, Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.InvalidJson).Location.Line);
        Assert.Equal(900, Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.Duplicate).Location.Line);
        Assert.Equal("roles/viewer", estate.FindPolicy("//cloudresourcemanager.googleapis.com/projects/3")!.Bindings[0].Role);
        var expected = Enumerable.Range(1, 1000).Where(n => n is not (700 or 900)).Select(n => $"//cloudresourcemanager.googleapis.com/projects/{n}");
        Assert.Equal(expected, estate.Policies.Select(p => p.Resource), StringComparer.Ordinal);
        Assert.Contains("999 IAM policies", Assert.Single(estate.Inputs).Note, StringComparison.Ordinal);

        // And each member text is one object for the whole load, whichever worker read it first
        Assert.Single(estate.Policies.SelectMany(p => p.Bindings).SelectMany(b => b.Members).Distinct(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void Reading_a_long_export_stops_when_the_command_is_cancelled()
    {
        // Given a 1,000-line asset export and a cancelled command
        var utf8 = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 1000).Select(ProjectPolicyLine)) + "\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // When its lines are read, then the reading stops rather than finish the file
        Assert.ThrowsAny<OperationCanceledException>(() => NewlineDelimitedAssets.TryRead("iam-policy.json", utf8, new ReadEntries(), new DiagnosticBag(), cancelled.Token));
    }

    [Fact]
    public void Every_fixture_estate_reads_side_by_side_as_one_file_after_another()
    {
        foreach (var folder in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures")).Order(StringComparer.Ordinal))
        {
            // Given a fixture estate's files, in order
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

            // When they are loaded side by side, and read one after another into the same entries
            var sideBySide = GcpEstateLoader.Load(files, TestContext.Current.CancellationToken);
            var entries = new ReadEntries();
            var diagnostics = new DiagnosticBag();
            var inputs = files.ConvertAll(file => GcpEstateLoader.ReadDocument(file, File.ReadAllBytes(file), entries, diagnostics));
            var oneByOne = GcpEstateBuilder.Build(entries, inputs, diagnostics);

            // Then the estates agree in what they report and in every collection's order
            Assert.Equal(Described(oneByOne), Described(sideBySide));
        }
    }

    private static string ProjectPolicyLine(int project) =>
        $$"""{"name":"//cloudresourcemanager.googleapis.com/projects/{{project}}","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"bindings":[{"role":"roles/viewer","members":["user:dana@northwind.example"]}]},"ancestors":["projects/{{project}}","organizations/123456789012"]}""";

    /// <summary>What an estate reports and holds, item by item, as text.</summary>
    private static List<string> Described(GcpEstate estate) =>
    [
        .. estate.Diagnostics.Select(d => d.ToString()),
        .. estate.Inputs.Select(i => i.ToString()),
        .. estate.Nodes.Select(n => $"{n.Name} {n.Kind} {string.Join(',', n.Ancestors)}"),
        .. estate.Policies.Select(p => $"{p.Resource} {p.Location} " + string.Join(';', p.Bindings.Select(b => $"{b.Role} {b.Condition?.Expression} {string.Join(',', b.Members.Select(m => m.Text))}"))),
        .. estate.Roles.Select(r => $"{r.Name} {r.Location} {string.Join(',', r.IncludedPermissions)}"),
        .. estate.ServiceAccounts.Select(a => a.ToString()),
        .. estate.ServiceAccountKeys.Select(k => k.ToString()),
        .. estate.DenyPolicies.Select(p => $"{p.Name} {p.Location}"),
        .. estate.Groups.Select(g => g.ToString()),
        .. estate.GroupMemberships.Select(m => m.ToString()),
        .. estate.OrgPolicies.Select(p => $"{p.Resource} {p.Constraint} {p.Location}"),
        .. estate.Clusters.Select(c => $"{c.Name} {c.Location}"),
        .. estate.ComputeInstances.Select(i => $"{i.FullName} {i.Location}"),
        .. estate.TagBindings.Select(t => t.ToString()),
        .. estate.TagListings.Select(t => t.ToString()),
        .. estate.KubernetesRoles.Select(r => $"{r.Cluster} {r.Name} {r.Location}"),
        .. estate.KubernetesRoleBindings.Select(b => $"{b.Cluster} {b.Name} {b.Location}"),
    ];
}
