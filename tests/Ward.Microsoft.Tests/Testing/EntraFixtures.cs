namespace Ward.Microsoft.Tests.Testing;

/// <summary>The Entra fixtures copied next to the test assembly, and the ids of the Contoso tenant they describe.</summary>
internal static class EntraFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Entra");

    /// <summary>A complete export of the Contoso tenant in the layout of the export script.</summary>
    public static string Contoso { get; } = Path.Combine(Directory, "contoso");

    public static string ContosoFile(params string[] parts) => Path.Combine([Contoso, .. parts]);

    public const string Tenant = "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d";
    public const string Adele = "6e7b768e-07e2-4810-8459-485f84f8f204";
    public const string Megan = "48d31887-5fad-4d73-a9f5-3c356e68a038";
    public const string Lee = "e8f1a3c2-94b6-4d1e-8f7a-2b3c4d5e6f70";
    public const string Guest = "b1f4e2d3-6a7c-4b8d-9e0f-1a2b3c4d5e6f";
    public const string BreakGlass = "0c9a8b7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
    public const string Tier0Admins = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    public const string PlatformEngineers = "7d3c2b1a-0f9e-4d8c-a7b6-5e4d3c2b1a09";
    public const string HelpdeskOperators = "c5e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f80";
    public const string HelpdeskL1 = "a9b8c7d6-e5f4-4a3b-9c2d-1e0f2a3b4c5d";
    public const string AllEmployees = "3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706";
    public const string ProjectFalcon = "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968";
    public const string EmeaUsers = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    public const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    public const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    public const string UserRole = "a0b1b346-4d3e-4e8b-98f8-753987be4970";
    public const string CustomCredentialRole = "5d6e7f80-91a2-4b3c-8d4e-5f6071829304";
    public const string DeployApplication = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b";
    public const string DeployAppId = "11b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e";
    public const string PortalApplication = "d4c3b2a1-0f9e-48d7-b6c5-a4b3c2d1e0f9";
    public const string PortalAppId = "22c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6f";
    public const string DeployServicePrincipal = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6e";
    public const string PortalServicePrincipal = "4b5c6d7e-8f90-4a1b-8c2d-3e4f5a6b7c8d";
    public const string GraphServicePrincipal = "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string ManagedIdentity = "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f";
    public const string ApplicationReadWriteAll = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";
    public const string DirectoryReadAll = "7ab1d382-f21e-4acd-a863-ba3e13f7da61";
}
