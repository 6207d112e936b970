namespace Ward.Microsoft.Edges.Checkers;

/// <summary><c>azure-automation-runbook</c>: writes a runbook in an Automation account, starts it as a job, and uses the account's identity.</summary>
public sealed class AutomationRunbookEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-automation-runbook", "Microsoft.Automation/automationAccounts", "writes and starts a runbook in",
    "Microsoft.Automation/automationAccounts/runbooks/write", "Microsoft.Automation/automationAccounts/jobs/write");
