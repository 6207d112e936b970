using System.Collections.Frozen;
using Ward.Gcp.Edges;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// <see cref="ContainerOwners"/> keeps per container only the owners its parent lacks: what is asked of a container
/// must still answer for every owner above it.
/// </summary>
public sealed class ContainerOwnersTests
{
    private const string Organization = "//cloudresourcemanager.googleapis.com/organizations/9";
    private const string Folder = "//cloudresourcemanager.googleapis.com/folders/5";
    private const string Project = "//cloudresourcemanager.googleapis.com/projects/1";
    private const string Orphan = "//cloudresourcemanager.googleapis.com/projects/2";

    private static readonly ContainerOwners Owners = new(new Dictionary<string, ContainerOwners.Level>(StringComparer.Ordinal)
    {
        [Organization] = new(null, Added(("user:olga@example.com", "org binding"))),
        [Folder] = new(Organization, Added(("group:folder-admins@example.com", "folder binding"))),
        [Project] = new(Folder, Added(("user:paul@example.com", "project binding"), ("serviceAccount:ci@p1.iam.gserviceaccount.com", "project binding"))),
        [Orphan] = new(null, Added(("user:quinn@example.com", "orphan binding"))),
    });

    [Fact]
    public void An_owner_of_a_container_above_is_owner_of_the_project_with_the_reason_given_above()
    {
        Assert.Equal("org binding", Owners.Of("user:olga@example.com", Project));
        Assert.Equal("folder binding", Owners.Of("group:folder-admins@example.com", Project));
        Assert.Equal("project binding", Owners.Of("user:paul@example.com", Project));
    }

    [Fact]
    public void An_owner_of_a_project_is_not_owner_of_its_folder_nor_of_an_unrelated_project()
    {
        Assert.Null(Owners.Of("user:paul@example.com", Folder));
        Assert.Null(Owners.Of("user:paul@example.com", Orphan));
        Assert.Null(Owners.Of("user:olga@example.com", Orphan));
        Assert.Null(Owners.Of("user:olga@example.com", "//cloudresourcemanager.googleapis.com/projects/404"));
    }

    [Fact]
    public void All_lists_the_inherited_owners_first_then_the_containers_own()
    {
        Assert.Equal("user:olga@example.com, group:folder-admins@example.com", string.Join(", ", Owners.All(Folder).Select(o => o.Key)));
        Assert.Equal(4, Owners.All(Project).Count());
        Assert.Equal("user:olga@example.com", Owners.All(Project).First().Key);
        Assert.Empty(Owners.All("//cloudresourcemanager.googleapis.com/projects/404"));
    }

    [Fact]
    public void AddedAt_names_only_what_the_container_adds_to_its_parent()
    {
        Assert.Equal("group:folder-admins@example.com", Assert.Single(Owners.AddedAt(Folder)).Key);
        Assert.Equal(2, Owners.AddedAt(Project).Count);
        Assert.Empty(Owners.AddedAt("//cloudresourcemanager.googleapis.com/projects/404"));
        Assert.Equal(5, Owners.Principals.Count());
    }

    private static FrozenDictionary<string, string> Added(params (string Principal, string Reason)[] owners) =>
        owners.ToFrozenDictionary(o => o.Principal, o => o.Reason, StringComparer.Ordinal);
}
