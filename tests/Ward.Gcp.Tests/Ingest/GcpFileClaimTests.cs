using System.Text;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>
/// A file claimed for Google Cloud is read by its reader alone: only files whose first entry is surely Google Cloud's,
/// in the formats gcloud and Cloud Asset Inventory write, are claimed; every other cloud's export is not.
/// </summary>
public sealed class GcpFileClaimTests
{
    [Theory]
    // gcloud iam service-accounts list --format=json
    [InlineData("""[{"displayName":"Deployer","email":"deployer@nw-apps.iam.gserviceaccount.com","etag":"MDEwMjE5MjA=","name":"projects/nw-apps/serviceAccounts/deployer@nw-apps.iam.gserviceaccount.com","oauth2ClientId":"104000000000000000001","projectId":"nw-apps","uniqueId":"104000000000000000001"}]""")]
    // gcloud iam service-accounts keys list --format=json
    [InlineData("""[{"keyAlgorithm":"KEY_ALG_RSA_2048","keyOrigin":"GOOGLE_PROVIDED","keyType":"USER_MANAGED","name":"projects/nw-apps/serviceAccounts/deployer@nw-apps.iam.gserviceaccount.com/keys/0f1e2d3c4b5a","validAfterTime":"2025-02-24T00:00:00Z","validBeforeTime":"9999-12-31T23:59:59Z"}]""")]
    // gcloud iam roles list --project --format=json
    [InlineData("""[{"name":"projects/nw-apps/roles/deployer","title":"deployer","includedPermissions":["run.services.create"],"stage":"GA","etag":"BwYR4n2dY1E="}]""")]
    // gcloud identity groups memberships list --format=json
    [InlineData("""[{"name":"groups/01abcd/memberships/105000000000000000001","preferredMemberKey":{"id":"dana@northwind.example"},"roles":[{"name":"MEMBER"}],"type":"USER"}]""")]
    // gcloud iam policies list --kind=denypolicies --format=json
    [InlineData("""[{"displayName":"No key creation","kind":"DenyPolicy","name":"policies/cloudresourcemanager.googleapis.com%2Forganizations%2F410000000001/denypolicies/no-keys","rules":[]}]""")]
    // gcloud asset export, newline-delimited (one asset a line)
    [InlineData("""{"name":"//cloudresourcemanager.googleapis.com/projects/310000000001","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"bindings":[]},"ancestors":["projects/310000000001"]}""" + "\n" + """{"name":"//cloudresourcemanager.googleapis.com/folders/210987654321","asset_type":"cloudresourcemanager.googleapis.com/Folder","iam_policy":{"bindings":[]},"ancestors":["folders/210987654321"]}""")]
    public void Google_Cloud_exports_are_claimed(string text) =>
        Assert.True(GcpFileClaim.ClaimsText(Encoding.UTF8.GetBytes(text), wholeFile: true));

    [Theory]
    // az role assignment list
    [InlineData("""[{"id":"/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleAssignments/a1","name":"a1","principalId":"11111111-1111-1111-1111-111111111111","roleDefinitionId":"/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","scope":"/subscriptions/00000000-0000-0000-0000-000000000001","type":"Microsoft.Authorization/roleAssignments"}]""")]
    // a Microsoft Graph page
    [InlineData("""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"11111111-1111-1111-1111-111111111111","userPrincipalName":"dana@northwind.example"}]}""")]
    // an AzureHound record
    [InlineData("""{"kind":"AZUser","data":{"id":"11111111-1111-1111-1111-111111111111","userPrincipalName":"dana@northwind.example"}}""")]
    // aws iam get-account-authorization-details
    [InlineData("""{"UserDetailList":[],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}""")]
    // a Google Cloud entry that is no asset, as one object (left to every reader, which all say what they make of it)
    [InlineData("""{"name":"projects/nw-apps/serviceAccounts/deployer@nw-apps.iam.gserviceaccount.com","email":"deployer@nw-apps.iam.gserviceaccount.com","projectId":"nw-apps"}""")]
    // an asset not named as Cloud Asset Inventory names it
    [InlineData("""[{"name":"my-bucket","assetType":"storage.googleapis.com/Bucket"}]""")]
    [InlineData("""[]""")]
    [InlineData("")]
    [InlineData("""[{"name":"projects/nw-apps/serviceAccounts/deployer@nw-apps.iam.gserviceaccount.com",""")]
    [InlineData("\uFEFF[{\"name\":\"projects/nw-apps/roles/deployer\",\"title\":\"deployer\"}]")]
    public void Other_files_are_not_claimed(string text) =>
        Assert.False(GcpFileClaim.ClaimsText(Encoding.UTF8.GetBytes(text), wholeFile: true));

    [Fact]
    public void A_first_entry_longer_than_what_is_looked_at_is_not_judged()
    {
        // Given a role list whose first role lists more permissions than the 64 KiB looked at
        var permissions = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"service{i}.resources.get\""));
        using var scratch = new ScratchFolder(
            ("long.json", $$"""[{"name":"projects/nw-apps/roles/wide","title":"wide","includedPermissions":[{{permissions}}],"stage":"GA"}]"""),
            ("short.json", """[{"name":"projects/nw-apps/roles/deployer","title":"deployer","includedPermissions":["run.services.create"],"stage":"GA"}]"""));

        // Then only the short one is claimed, and a missing file is not
        Assert.False(GcpFileClaim.Claims(Path.Combine(scratch.Path, "long.json")));
        Assert.True(GcpFileClaim.Claims(Path.Combine(scratch.Path, "short.json")));
        Assert.False(GcpFileClaim.Claims(Path.Combine(scratch.Path, "missing.json")));
    }
}
