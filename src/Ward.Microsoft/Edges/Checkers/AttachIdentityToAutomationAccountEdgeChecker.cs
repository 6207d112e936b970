using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-automation-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity
/// Operator) attaches it to an Automation account it may update (<c>Microsoft.Automation/automationAccounts/write</c>),
/// writes and starts a runbook there as <see cref="AutomationRunbookEdgeChecker"/> does (<c>runbooks/write</c>,
/// <c>jobs/write</c>), and the runbook signs in as the identity (<c>Connect-AzAccount -Identity -AccountId</c>)
/// (<see cref="AttachIdentityEdgeChecker"/>).
/// </summary>
public sealed class AttachIdentityToAutomationAccountEdgeChecker() : AttachIdentityEdgeChecker("azure-automation-attach-identity", AzureResourceTypes.AutomationAccount)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCode { get; } =
    [
        ("writes and starts a runbook there", ["Microsoft.Automation/automationAccounts/runbooks/write", "Microsoft.Automation/automationAccounts/jobs/write"]),
    ];
}
