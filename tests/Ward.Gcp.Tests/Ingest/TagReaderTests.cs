using Ward.Core.Diagnostics;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class TagReaderTests
{
    private const string EffectiveTags = """
        [
          {
            "inherited": true,
            "namespacedTagKey": "820000000001/env",
            "namespacedTagValue": "820000000001/env/prod",
            "tagKey": "tagKeys/281480000000001",
            "tagValue": "tagValues/281470000000011"
          }
        ]
        """;

    [Fact]
    public void Tag_keys_values_and_bindings_are_read_with_the_resources_their_files_list()
    {
        // Given the tags.example lab's gcloud resource-manager tags outputs
        var estate = GcpFixtures.Tags;

        // Then keys and values are read with their namespaced names and parents
        Assert.Equal(["820000000001/env", "820000000001/team"], estate.TagKeys.Select(k => k.NamespacedName), StringComparer.Ordinal);
        var dev = Assert.Single(estate.TagValues, v => v.Name == "tagValues/281470000000012");
        Assert.Equal(("tagKeys/281480000000001", "dev", "820000000001/env/dev"), (dev.Parent, dev.ShortName, dev.NamespacedName));

        // And a direct binding names its resource itself, an effective tag through its file's path
        var direct = Assert.Single(estate.TagBindings, b => b.Resource == "//cloudresourcemanager.googleapis.com/projects/822000000002");
        Assert.Equal((false, "tagValues/281470000000012"), (direct.Effective, direct.TagValue));
        var inherited = Assert.Single(estate.TagBindings, b => b.Resource == "//cloudresourcemanager.googleapis.com/projects/822000000001" && b.Inherited);
        Assert.Equal(("820000000001/env", "820000000001/env/prod", "tagKeys/281480000000001"), (inherited.NamespacedTagKey, inherited.NamespacedTagValue, inherited.TagKey));

        // And every listed resource is known to have been exported, empty lists too; tg-legacy was not
        Assert.Equal(
            [
                ("//cloudresourcemanager.googleapis.com/folders/821000000001", false),
                ("//cloudresourcemanager.googleapis.com/organizations/820000000001", false),
                ("//cloudresourcemanager.googleapis.com/projects/822000000001", true),
                ("//cloudresourcemanager.googleapis.com/projects/822000000002", false),
                ("//cloudresourcemanager.googleapis.com/projects/822000000004", true),
            ],
            estate.TagListings.Select(l => (l.Resource, l.Effective)).Order());
        Assert.Empty(estate.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Effective_tags_in_a_file_whose_path_names_no_resource_are_reported_and_skipped()
    {
        // Given effective tags saved as effective.json, and the same under the documented path with a project id
        using var scratch = new ScratchFolder(
            ("effective.json", EffectiveTags),
            ("tags/effective/cloudresourcemanager.googleapis.com/projects/tg-prod.json", EffectiveTags),
            ("assets/resource.json", File.ReadAllText(Path.Combine(GcpFixtures.TagsFolder, "assets", "resource.json"))));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the first is an error at its root, and only the second is read, on the project as the hierarchy names it
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.UnplacedTags, DiagnosticSeverity.Error, "effective.json", "$", "do not name the resource they are on");
        var tag = Assert.Single(estate.TagBindings);
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/822000000001", tag.Resource);
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/822000000001", Assert.Single(estate.TagListings).Resource);
    }

    [Fact]
    public void A_listing_with_an_unreadable_binding_does_not_say_it_has_all_of_its_resources_tags()
    {
        // Given a direct listing whose second binding lost its value
        using var scratch = new ScratchFolder(("tags/bindings/cloudresourcemanager.googleapis.com/projects/822000000002.json", """
            [
              {"name": "tagBindings/%2F%2Fcloudresourcemanager.googleapis.com%2Fprojects%2F822000000002/tagValues/281470000000012", "parent": "//cloudresourcemanager.googleapis.com/projects/822000000002", "tagValue": "tagValues/281470000000012"},
              {"parent": "//cloudresourcemanager.googleapis.com/projects/822000000002", "tagValue": 281470000000021}
            ]
            """));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the broken binding is reported at its place, the first kept, and the project's tags are not taken as known
        Assert.Contains(estate.Diagnostics, d => d.Location.JsonPath == "$[1].tagValue" && d.Location.Line == 3);
        Assert.Single(estate.TagBindings);
        Assert.Empty(estate.TagListings);
    }

    [Fact]
    public void A_listing_path_names_its_resource()
    {
        Assert.Equal(("//cloudresourcemanager.googleapis.com/folders/7", true), TagReader.ListedResource("/x/tags/effective/cloudresourcemanager.googleapis.com/folders/7.json"));
        Assert.Equal(("//storage.googleapis.com/projects/_/buckets/a.b", false), TagReader.ListedResource(@"C:\x\tags\bindings\storage.googleapis.com\projects\_\buckets\a.b.json"));
        Assert.Null(TagReader.ListedResource("/x/tags/effective/projects/7.json"));
        Assert.Null(TagReader.ListedResource("/x/mytags/effective/cloudresourcemanager.googleapis.com/folders/7.json"));
    }
}
