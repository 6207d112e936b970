using Ward.Microsoft.Edges.Checkers;

namespace Ward.Microsoft.Edges;

/// <summary>Every Entra ID and Azure technique, listed explicitly (one checker per file in <c>Checkers/</c>).</summary>
public static class MicrosoftEdgeCheckers
{
    public static IReadOnlyList<IMicrosoftEdgeChecker> All { get; } =
    [
        new ResetPasswordEdgeChecker(),
        new AddCredentialEdgeChecker(),
        new AddOwnerEdgeChecker(),
        new AddGroupMemberEdgeChecker(),
        new RewriteMembershipRuleEdgeChecker(),
        new FederateDomainEdgeChecker(),
        new CertificateAuthorityEdgeChecker(),
        new AssignDirectoryRoleEdgeChecker(),
        new ActivateEligibleRoleEdgeChecker(),
        new ActivateEligibleGroupEdgeChecker(),
        new AssignAzureRoleEdgeChecker(),
        new VirtualMachineRunCommandEdgeChecker(),
        new VirtualMachineLoginEdgeChecker(),
        new VirtualMachineExtensionEdgeChecker(),
        new AttachIdentityToVirtualMachineEdgeChecker(),
        new ScaleSetRunCommandEdgeChecker(),
        new ScaleSetExtensionEdgeChecker(),
        new AttachIdentityToScaleSetEdgeChecker(),
        new AutomationRunbookEdgeChecker(),
        new AttachIdentityToAutomationAccountEdgeChecker(),
        new LogicAppEdgeChecker(),
        new AttachIdentityToLogicAppEdgeChecker(),
        new WebAppConfigurationEdgeChecker(),
        new AttachIdentityToWebAppEdgeChecker(),
        new ContainerExecEdgeChecker(),
        new AttachIdentityToContainerGroupEdgeChecker(),
        new UserAssignedIdentityCredentialEdgeChecker(),
        new ManagedClusterAdminEdgeChecker(),
        new DeploymentScriptEdgeChecker(),
        new PolicyRemediationEdgeChecker(),
        new KeyVaultCertificateEdgeChecker(),
        new KeyVaultAccessPolicyEdgeChecker(),
        new KeyVaultSecretCredentialEdgeChecker(),
        new FunctionDeploymentStorageEdgeChecker(),
        new RewriteCustomRoleEdgeChecker(),
        new ElevateAccessEdgeChecker(),
        new TemporaryAccessPassEdgeChecker(),
        new DelegatedPermissionGrantEdgeChecker(),
        new IntuneDeviceScriptEdgeChecker(),
        new DefenderLiveResponseEdgeChecker(),
        new WeakenConditionalAccessEdgeChecker(),
        new ExternalIdentityProviderFederationEdgeChecker(),
        new FederatedCredentialSignInEdgeChecker(),
        new Microsoft365AdminDataEdgeChecker(),
        new Microsoft365AppPermissionDataEdgeChecker(),
    ];
}
