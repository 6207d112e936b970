using Ward.Core.Diagnostics;
using Ward.Microsoft.Exchange;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Exchange;

/// <summary>
/// <c>Get-ApplicationAccessPolicy | ConvertTo-Json -Depth 5</c> output of Exchange Online PowerShell, recognised by
/// content by the Microsoft loader: what is read, and where what cannot be used is reported.
/// </summary>
public sealed class ApplicationAccessPolicyReaderTests
{
    private const string CrmSync = "2f1c7a9e-4b3d-4e6a-9c8b-1d2e3f4a5b6c";
    private const string SalesGroup = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

    // One policy, piped: ConvertTo-Json writes the object itself.
    private const string OnePolicy = """
        {
          "ScopeName": "Sales Mailboxes",
          "ScopeIdentity": "Sales Mailboxes20260309101544",
          "Identity": "4d2a6c8e-1b3f-4a5c-9d7e-2f4a6c8e0b1d\\2f1c7a9e-4b3d-4e6a-9c8b-1d2e3f4a5b6c:S-1-5-21-1004336348-1177238915-682003330-512001;7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
          "AppId": "2f1c7a9e-4b3d-4e6a-9c8b-1d2e3f4a5b6c",
          "ScopeIdentityRaw": "S-1-5-21-1004336348-1177238915-682003330-512001;7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
          "Description": "Restrict this app to members of sales@fabrikam.example",
          "AccessRight": "RestrictAccess",
          "ShardType": "All",
          "IsValid": true,
          "ObjectState": "Unchanged"
        }
        """;

    [Fact]
    public void One_policy_written_as_an_object_is_read_with_its_scope_object_id()
    {
        // Given one policy as ConvertTo-Json writes a single object, under a name of the user's choosing
        using var folder = new ScratchFolder(("exo/policies.json", OnePolicy));

        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is read as Exchange Online output: the application, the access right and the group's object id
        Assert.Empty(estates.Diagnostics);
        Assert.Equal(MicrosoftInputKind.ExchangeOnline, Assert.Single(estates.Inputs).Kind);
        var policies = estates.Entra.ApplicationAccessPolicies!;
        var policy = Assert.Single(policies.Policies);
        Assert.Equal((CrmSync, ApplicationAccessRight.RestrictAccess, "Sales Mailboxes", SalesGroup), (policy.AppId, policy.AccessRight, policy.ScopeName, policy.ScopeObjectId));
        Assert.Equal(false, policies.For(CrmSync).ReachesEveryMailbox);
        Assert.Equal(true, policies.For("6ac794ca-2697-4137-8754-d2a78ae47d93").ReachesEveryMailbox);
    }

    [Fact]
    public void Malformed_entries_are_reported_at_their_place_and_the_others_read()
    {
        // Given an array with a good policy, an entry that is not an object, one without AppId, one whose AppId is not a
        // GUID, one whose AccessRight is a number (no -EnumsAsStrings), one without ScopeIdentityRaw and one for `*`
        // (Exchange documents no wildcard: it would limit every application on a guess)
        var text = $$"""
            [
              {{OnePolicy}},
              "Sales Mailboxes",
              { "ScopeName": "Finance", "ScopeIdentityRaw": "S-1-5-21-1;0c6f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "AccessRight": "DenyAccess" },
              { "ScopeName": "Finance", "AppId": "crm-sync", "ScopeIdentityRaw": "S-1-5-21-1;0c6f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "AccessRight": "DenyAccess" },
              { "ScopeName": "Finance", "AppId": "6ac794ca-2697-4137-8754-d2a78ae47d93", "ScopeIdentityRaw": "S-1-5-21-1;0c6f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "AccessRight": 1 },
              { "ScopeName": "Finance", "AppId": "3dbc2ae1-7198-45ed-9f9f-d86ba3ec35b5", "AccessRight": "DenyAccess" },
              { "ScopeName": "Finance", "AppId": "*", "ScopeIdentityRaw": "S-1-5-21-1;0c6f1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "AccessRight": "RestrictAccess" }
            ]
            """;
        using var folder = new ScratchFolder((ApplicationAccessPolicyReader.FileName, text));

        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each problem is located (file, JSON path, line), the unusable entries are skipped and the others kept
        var file = Path.Combine(folder.Path, ApplicationAccessPolicyReader.FileName);
        Assert.Equal(
            [
                (ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "$[1]", 14),
                (ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "$[2]", 15),
                (ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "$[3].AppId", 16),
                (ExchangeDiagnosticCodes.UnreadableAccessRight, DiagnosticSeverity.Warning, "$[4].AccessRight", 17),
                (ExchangeDiagnosticCodes.UnreadableScope, DiagnosticSeverity.Warning, "$[5]", 18),
                (ExchangeDiagnosticCodes.MalformedPolicy, DiagnosticSeverity.Error, "$[6].AppId", 19),
            ],
            estates.Diagnostics.Select(d => (d.Code, d.Severity, d.Location.JsonPath!, d.Location.Line ?? 0)));
        Assert.All(estates.Diagnostics, d => Assert.Equal(file, d.Location.File));
        Assert.Contains("`-EnumsAsStrings`", estates.Diagnostics[3].Message, StringComparison.Ordinal);
        var policies = estates.Entra.ApplicationAccessPolicies!.Policies;
        Assert.Equal([CrmSync, "6ac794ca-2697-4137-8754-d2a78ae47d93", "3dbc2ae1-7198-45ed-9f9f-d86ba3ec35b5"], policies.Select(p => p.AppId), StringComparer.Ordinal);
        Assert.Null(policies[1].AccessRight);
        Assert.Null(policies[2].ScopeObjectId);
    }

    [Fact]
    public void An_empty_array_is_no_policies_only_under_the_documented_name()
    {
        // Given an empty array under the documented name, and another elsewhere
        using var named = new ScratchFolder((ApplicationAccessPolicyReader.FileName, "[]"));
        using var other = new ScratchFolder(("role-assignments.json", "[]"));

        var policies = MicrosoftEstateLoader.Load([named.Path], TestContext.Current.CancellationToken);
        var empty = MicrosoftEstateLoader.Load([other.Path], TestContext.Current.CancellationToken);

        // Then the first says the tenant has no policies (exported, none), the second says nothing of Exchange
        Assert.Empty(policies.Entra.ApplicationAccessPolicies!.Policies);
        Assert.Null(empty.Entra.ApplicationAccessPolicies);
        Assert.Equal(MicrosoftInputKind.Empty, Assert.Single(empty.Inputs).Kind);
    }
}
