using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// <c>who-can</c> asks only the principals a binding whose role may grant the permission can include (and everyone
/// when a domain, public or pool set, a basic-role member, a deny rule or an unknown ancestry is involved). That
/// shortcut must never change an answer: on every fixture organization, for every resource with a policy and every
/// container, and every permission a role holds, it lists exactly the principals, in the same order and with the same
/// decisions, as asking every candidate and dropping the implicit denials. Analyses' who-can, which keeps only the
/// principals that may be allowed, drops the candidates that can only be denied before working out deny policies and
/// boundaries: that too must leave every other answer as it is.
/// </summary>
public sealed class WhoCanShortcutTests : IDisposable
{
    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private readonly ScratchFolder _withGroups = new();

    public WhoCanShortcutTests()
    {
        _withGroups.CopyFrom(GcpFixtures.OrganizationFolder);
        _withGroups.CopyFrom(Path.Combine(AppContext.BaseDirectory, "Fixtures", "groups"));
    }

    public static TheoryData<string> Organizations => ["organization", "organization with groups", "evaluation", "escalation"];

    [Theory]
    [MemberData(nameof(Organizations))]
    public void Asking_only_the_principals_deciding_bindings_can_include_changes_no_answer(string organization)
    {
        var (authorizer, permissions, resources) = Questions(organization);
        Assert.NotEmpty(permissions);
        Assert.NotEmpty(resources);

        var compared = 0;
        foreach (var resource in resources)
        {
            foreach (var permission in permissions)
            {
                var shortcut = authorizer.WhoCan(permission, resource, December2026, all: false);
                var everyone = authorizer.WhoCan(permission, resource, December2026, all: true).Where(a => a.Decision.Kind != DecisionKind.ImplicitDeny).ToList();
                Assert.Equal(everyone.Select(a => $"{a.Principal.Text} {a.Decision.Kind}"), shortcut.Select(a => $"{a.Principal.Text} {a.Decision.Kind}"), StringComparer.Ordinal);
                compared += shortcut.Length;
            }
        }

        // The comparison saw answers, not only empty lists.
        Assert.True(compared > 20, $"only {compared} answers compared");
    }

    private static string Answer(GcpAccessAnswer answer) => answer.Decision switch
    {
        Conditional conditional => $"{answer.Principal.Text} Conditional {string.Join(" & ", conditional.Requirements)}",
        Indeterminate indeterminate => $"{answer.Principal.Text} Indeterminate {indeterminate.Reason} {indeterminate.Explanation.Summary}",
        var decision => $"{answer.Principal.Text} {decision.Kind}",
    };

    [Theory]
    [MemberData(nameof(Organizations))]
    public void Dropping_the_candidates_that_can_only_be_denied_early_changes_no_answer_that_may_allow(string organization)
    {
        var (authorizer, permissions, resources) = Questions(organization);

        var compared = 0;
        foreach (var resource in resources)
        {
            foreach (var permission in permissions)
            {
                var early = authorizer.WhoMayBeAllowed(permission, resource, December2026);
                var full = authorizer.WhoCan(permission, resource, December2026, all: false).Where(a => a.Decision.Kind != DecisionKind.ExplicitDeny).ToList();
                // The same answers, in whatever order (analyses order them by principal).
                Assert.Equal(full.Select(Answer).Order(StringComparer.Ordinal), early.Select(Answer).Order(StringComparer.Ordinal), StringComparer.Ordinal);
                compared += early.Length;

                // An allow, or an allow under conditions, is explained by its deciding binding alone: one of those the
                // full explanation names as deciding.
                foreach (var answer in early.Where(a => a.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    var deciding = Assert.Single(Assert.Single(answer.Decision.Explanation.Layers).Statements);
                    var explained = full.Single(a => a.Principal.Text == answer.Principal.Text).Decision.Explanation;
                    Assert.Contains($"{deciding.Policy}: {deciding.Statement}", explained.Layers.Where(l => l.Decisive).SelectMany(l => l.Statements).Select(s => $"{s.Policy}: {s.Statement}"), StringComparer.Ordinal);
                }
            }
        }

        Assert.True(compared > 20, $"only {compared} answers compared");
    }

    /// <summary>The organization's authorizer, every permission a role holds, and every resource with a policy and every container.</summary>
    private (GcpAuthorizer Authorizer, List<string> Permissions, List<GcpResource> Resources) Questions(string organization)
    {
        var estate = organization switch
        {
            "organization" => GcpFixtures.Estate,
            "organization with groups" => GcpEstateLoader.Load([_withGroups.Path], TestContext.Current.CancellationToken),
            "evaluation" => GcpFixtures.Evaluation,
            _ => GcpFixtures.Escalation,
        };
        var permissions = estate.Roles.SelectMany(r => r.IncludedPermissions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var resources = estate.Policies.Select(p => p.Resource).Concat(estate.Nodes.Select(n => n.Name)).Distinct(StringComparer.Ordinal)
            .Select(name => ResourceLocator.Locate(estate, name, out _)).OfType<GcpResource>().ToList();
        return (new GcpAuthorizer(estate), permissions, resources);
    }

    public void Dispose() => _withGroups.Dispose();
}
