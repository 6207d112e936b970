using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>The loader over a whole export: every collection read, nothing reported for a clean export, other files left alone.</summary>
public sealed class EntraDirectoryLoaderTests
{
    [Fact]
    public void A_complete_export_loads_without_diagnostics()
    {
        // Given the Contoso export as the script writes it
        // When it is loaded
        var directory = EntraDirectoryLoader.Load([EntraFixtures.Contoso], TestContext.Current.CancellationToken);

        // Then nothing is reported and every file was read as a Graph response
        Assert.Empty(directory.Diagnostics);
        Assert.All(directory.Inputs, i => Assert.Equal(EntraInputKind.GraphResponse, i.Kind));
        Assert.Equal(EntraFixtures.Tenant, directory.TenantId);
    }
}
