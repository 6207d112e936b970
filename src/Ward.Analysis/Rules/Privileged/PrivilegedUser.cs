using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>A privileged user, what makes it privileged (worded), whether it is a Global Administrator, and whether its privilege is in Azure only.</summary>
internal sealed record PrivilegedUser(EntraUser User, string Name, ImmutableArray<string> Holdings, bool IsGlobalAdministrator, bool AzureOnly);
