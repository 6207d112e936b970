using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft;

/// <summary>
/// The Entra ID directory and the Azure estate read from the same inputs. Each estate keeps its own inputs and
/// diagnostics; <see cref="Diagnostics"/> holds all of them plus those of the files themselves and of AzureHound.
/// </summary>
public sealed record MicrosoftEstates(EntraDirectory Entra, AzureEstate Azure)
{
    public static MicrosoftEstates Empty { get; } = new(EntraDirectory.Empty, AzureEstate.Empty);

    public ImmutableArray<MicrosoftInputFile> Inputs { get; init; } = [];

    /// <summary>Every diagnostic, located (file, JSON path, line) and sorted.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
}
