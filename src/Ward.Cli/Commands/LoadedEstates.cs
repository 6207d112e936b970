using Ward.Aws.Estate;
using Ward.Cli.Output;
using Ward.Gcp.Iam;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Cli.Commands;

/// <summary>What the inputs held, per provider: a provider whose exports were not given is empty.</summary>
internal sealed record LoadedEstates(AwsEstate Aws, EntraDirectory Entra, AzureEstate Azure, GcpEstate Gcp)
{
    public bool HasAws => !Aws.Accounts.IsEmpty;

    public bool HasEntra => !Entra.IsEmpty;

    public bool HasAzure =>
        !Azure.RoleAssignments.IsEmpty || !Azure.RoleDefinitions.IsEmpty || !Azure.DenyAssignments.IsEmpty
        || !Azure.EligibleAssignments.IsEmpty || !Azure.AssignmentScheduleInstances.IsEmpty || !Azure.Hierarchy.Subscriptions.IsEmpty || !Azure.Hierarchy.ManagementGroups.IsEmpty;

    public bool HasGcp => !Gcp.IsEmpty;

    public bool IsEmpty => !HasAws && !HasEntra && !HasAzure && !HasGcp;

    /// <summary>What reading the inputs left out or found wrong, for answers given as JSON to say.</summary>
    public InputsJson Inputs { get; init; } = InputsJson.None;
}
