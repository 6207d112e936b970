using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-automation-runbook</c> on the Tailspin fixture (<c>az automation account list</c>, whose type is spelled
/// <c>Microsoft.Automation/AutomationAccounts</c>): an Automation Contributor of aa-ops writes and starts a runbook as
/// both of its identities; an Automation Operator, who starts jobs but writes no runbook, does not.
/// </summary>
public sealed class AutomationRunbookEdgeCheckerTests
{
    private static readonly string Account = Resource("rg-automation", "Microsoft.Automation/automationAccounts", "aa-ops");

    private static List<Edge> Edges => field ??= [.. new AutomationRunbookEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void An_Automation_Contributor_acts_as_the_system_and_user_assigned_identities_of_the_account()
    {
        // Given abby, Automation Contributor of aa-ops, which carries its own identity and the user-assigned id-runbooks
        var edges = Edges.Where(e => e.From.Value == Abby).ToList();

        // Then she reaches both, for certain
        Assert.Equal([RunbooksIdentity, AutomationIdentity], edges.Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(edges, edge =>
        {
            Assert.Equal(("azure-automation-runbook", false), (edge.Technique, edge.IsConditional));

            // ...with both actions the technique needs, each decided at the account
            Assert.Equal(
                ["Microsoft.Automation/automationAccounts/runbooks/write", "Microsoft.Automation/automationAccounts/jobs/write"],
                edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
            Assert.All(edge.Permissions, p => Assert.Equal(Account, p.Resource, ignoreCase: true));
            Assert.All(edge.Permissions, p => Assert.Contains("Automation Contributor", p.GrantedBy, StringComparison.Ordinal));
        });
        Assert.Contains("user-assigned identity `id-runbooks`", Assert.Single(edges, e => e.To.Value == RunbooksIdentity).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Otto, "Automation Operator has jobs/write but not runbooks/write")]
    [InlineData(Lara, "Logic App Contributor of another resource group")]
    [InlineData(Tess, "Reader of an unrelated resource group")]
    public void The_safe_twins_write_no_runbook(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_Abby_reaches_the_account_identities()
    {
        Assert.Equal([Abby], Edges.Where(e => !SelfAssigns(e)).Select(e => e.From.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
