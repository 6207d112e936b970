using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis;

/// <summary>A Microsoft estate to scan: the Entra ID directory and the Azure RBAC exports (either may be empty).</summary>
public sealed record MicrosoftInputs(EntraDirectory Directory, AzureEstate Azure);
