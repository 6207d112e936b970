namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-uami-federated-credential</c>: adds a federated identity credential to a user-assigned managed identity
/// (Managed Identity Contributor, Contributor), trusting an issuer and subject it controls (a GitHub repository of its
/// own), and signs in as the identity with a token from there.
/// </summary>
public sealed class UserAssignedIdentityCredentialEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-uami-federated-credential", UserAssignedIdentityType, "adds a federated credential it controls to the user-assigned identity",
    "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write");
