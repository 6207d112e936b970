using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>The techniques through an existing VM on the Compute Engine lab (Fixtures/compute): decided by the exported instances.</summary>
public sealed class ComputeInstanceEdgeCheckerTests
{
    private const string Admin = "serviceAccount:admin@vm-lab.iam.gserviceaccount.com";
    private const string Deployer = "serviceAccount:deployer@vm-lab.iam.gserviceaccount.com";
    private const string Batch = "serviceAccount:batch@vm-lab.iam.gserviceaccount.com";
    private const string Reporter = "serviceAccount:reporter@vm-lab.iam.gserviceaccount.com";
    private const string EmptyOps = "serviceAccount:ops@vm-empty.iam.gserviceaccount.com";
    private const string UnlistedOps = "serviceAccount:ops@vm-unlisted.iam.gserviceaccount.com";
    private const string Bastion = "projects/vm-lab/zones/europe-west1-b/instances/bastion";
    private const string Builder = "projects/vm-lab/zones/europe-west1-b/instances/builder";
    private static readonly DateTimeOffset AsOf = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.Compute, AsOf));

    public enum Expect
    {
        Certain,
        Conditional,
        None,
    }

    public static TheoryData<string, string, string, Expect> Cases => new()
    {
        // OS Login: bastion runs as admin@ with OS Login; no instance runs as batch@; builder has OS Login off.
        { "gcp-compute-os-login", "user:v-oslogin@example.dev", Admin, Expect.Certain },
        { "gcp-compute-os-login", "user:s-oslogin@example.dev", Batch, Expect.None },
        { "gcp-compute-os-login", "user:v-namedlogin@example.dev", Admin, Expect.Certain },
        { "gcp-compute-os-login", "user:s-namedlogin@example.dev", Admin, Expect.None },
        { "gcp-compute-os-login", "user:v-instancepolicy@example.dev", Admin, Expect.Certain },
        { "gcp-compute-os-login", "user:s-instancepolicy@example.dev", Deployer, Expect.None },

        // SSH keys in metadata: builder (OS Login off) runs as deployer@; bastion's OS Login ignores keys, and
        // compute.requireOsLogin stops turning it off; builder blocks project-wide keys, bastion's own OS Login wins over the project's.
        { "gcp-compute-ssh-metadata", "user:v-sshkey@example.dev", Deployer, Expect.Certain },
        { "gcp-compute-ssh-metadata", "user:v-sshkey@example.dev", Admin, Expect.None },
        { "gcp-compute-ssh-metadata", "user:s-sshkey@example.dev", Admin, Expect.None },
        { "gcp-compute-ssh-metadata", "user:s-projectkey@example.dev", Admin, Expect.None },
        { "gcp-compute-ssh-metadata", "user:s-projectkey@example.dev", Deployer, Expect.None },
        { "gcp-compute-ssh-metadata", "user:c-stopped@example.dev", Reporter, Expect.Conditional },
        { "gcp-compute-ssh-metadata", "user:v-reassign@example.dev", Batch, Expect.None },

        // Instances not exported: conditional as before; an empty listing: none.
        { "gcp-compute-ssh-metadata", "user:c-sshkey@example.dev", UnlistedOps, Expect.Conditional },
        { "gcp-compute-ssh-metadata", "user:s-empty@example.dev", EmptyOps, Expect.None },

        // An existing instance given the account: any instance of the project will do; none in an empty project.
        { "gcp-compute-instance", "user:v-reassign@example.dev", Batch, Expect.Certain },
        { "gcp-compute-instance", "user:s-empty@example.dev", EmptyOps, Expect.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_technique_through_a_VM_gives_its_edge_to_the_vulnerable_principal_and_none_to_its_safe_twin(string technique, string from, string to, Expect expected)
    {
        // Given the Compute Engine lab and the technique's checker
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == technique);

        // When it checks every target
        var edges = checker.Check(Context.Value, targets: null).Where(e => e.From.Value == from && e.To.Value == to).ToList();

        // Then the edge is there, certain or conditional, or absent
        if (expected == Expect.None)
        {
            Assert.Empty(edges);
            return;
        }

        Assert.Equal(expected == Expect.Conditional, Assert.Single(edges).IsConditional);
    }

    [Fact]
    public void The_edge_names_the_instance_and_is_decided_on_it()
    {
        // Given v-instancepolicy, whose OS Admin Login is granted on bastion's own policy
        var edge = Check("gcp-compute-os-login").Single(e => e.From.Value == "user:v-instancepolicy@example.dev" && e.To.Value == Admin);

        // Then the edge names bastion and its external IP, and the login permission (in OS Admin Login too) is decided on the instance, by its policy
        Assert.Contains($"through VM instance `{Bastion}`, which has an external IP address", edge.Description, StringComparison.Ordinal);
        var login = Assert.Single(edge.Permissions, p => p.Action == "compute.instances.osLogin");
        Assert.Equal(Bastion, login.Resource);
        Assert.StartsWith("allow policy of //compute.googleapis.com/" + Bastion, login.GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_without_an_external_IP_is_said_to_be_reached_another_way_not_required()
    {
        // Given v-sshkey's edge through builder, which has no external IP
        var edge = Check("gcp-compute-ssh-metadata").Single(e => e.From.Value == "user:v-sshkey@example.dev" && e.To.Value == Deployer);

        // Then it is certain, and its description says how it is reached
        Assert.Empty(edge.Requirements);
        Assert.Contains($"through VM instance `{Builder}`, which has no external IP address (reached through IAP TCP forwarding or from its network)", edge.Description, StringComparison.Ordinal);
        Assert.Equal(Builder, Assert.Single(edge.Permissions, p => p.Action == "compute.instances.setMetadata").Resource);
    }

    [Fact]
    public void A_stopped_instance_with_limited_scopes_makes_the_edge_conditional_on_both()
    {
        // Given c-stopped's edge through report, TERMINATED and with the default scopes
        var edge = Check("gcp-compute-ssh-metadata").Single(e => e.From.Value == "user:c-stopped@example.dev" && e.To.Value == Reporter);

        // Then both are its requirements
        Assert.Equal(2, edge.Requirements.Length);
        Assert.Contains(edge.Requirements, r => r.Contains("is `TERMINATED`: it must be running", StringComparison.Ordinal));
        Assert.Contains(edge.Requirements, r => r.Contains("not `cloud-platform`", StringComparison.Ordinal) && r.Contains("devstorage.read_only", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_project_s_instances_the_edge_stays_conditional_on_one_existing()
    {
        // Given c-sshkey on vm-unlisted, whose instances were not exported
        var edge = Check("gcp-compute-ssh-metadata").Single(e => e.From.Value == "user:c-sshkey@example.dev" && e.To.Value == UnlistedOps);

        // Then its requirement says what must exist and why it is not known
        Assert.Contains("its instances were not exported", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_compute_requireOsLogin_whoever_writes_the_metadata_turns_OS_Login_off()
    {
        // Given the lab without its organization policy
        using var folder = new ScratchFolder();
        folder.CopyFrom(GcpFixtures.ComputeFolder);
        File.Delete(Path.Combine(folder.Path, "org-policies", "projects-vm-lab.json"));
        var context = new GcpEdgeContext(GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);

        // When the metadata SSH key technique is checked
        var edges = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-compute-ssh-metadata").Check(context, targets: null).ToList();

        // Then s-sshkey and v-sshkey reach admin@ through bastion, certain, turning its OS Login off in its metadata; the
        // project-wide key writer still does not (bastion's own setting wins over the project's)
        foreach (var from in new[] { "user:s-sshkey@example.dev", "user:v-sshkey@example.dev" })
        {
            var edge = Assert.Single(edges, e => e.From.Value == from && e.To.Value == Admin);
            Assert.False(edge.IsConditional);
            Assert.Contains($"through VM instance `{Bastion}`, which has an external IP address (it turns OS Login off in the instance's metadata first)", edge.Description, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(edges, e => e.From.Value == "user:s-projectkey@example.dev" && e.To.Value == Admin);
    }

    private static List<Ward.Core.Graph.Edge> Check(string technique) =>
        [.. Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == technique).Check(Context.Value, targets: null)];
}
