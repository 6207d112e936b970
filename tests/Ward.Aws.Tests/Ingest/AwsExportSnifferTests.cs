using System.Text;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Ingest;

/// <summary>
/// The quick look that spares other clouds' files a second parse: it may only say "not AWS" when the full reading
/// would say so too, and must leave every AWS export and every invalid file to the full reading.
/// </summary>
public sealed class AwsExportSnifferTests
{
    [Theory]
    [InlineData("""{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [{"id": "1", "Policies": []}]}""")]
    [InlineData("""[{"principalId": "a", "roleDefinitionId": "b", "scope": "/subscriptions/c"}, {"ServiceLastAccessed": []}]""")]
    [InlineData("[]")]
    [InlineData("""{"data": [{"kind": "AZUser", "data": {"Organization": "x"}}], "meta": {"type": "azure"}}""")]
    public void Files_without_an_AWS_name_at_the_top_cannot_be_AWS_exports(string json)
    {
        // Given a Graph page, an az CLI list, an empty list and an AzureHound file (AWS names only deeper down)
        // Then the sniffer is sure, as the readers' own recognition is
        Assert.True(AwsExportSniffer.CannotBeAwsExport(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Theory]
    [InlineData("""{"ResponseMetadata": {}, "UserDetailList": [], "GroupDetailList": []}""")]
    [InlineData("""{"Organization": {"Id": "o-1"}, "Accounts": []}""")]
    [InlineData("""{"Content": "", "GeneratedTime": "2026-01-01T00:00:00Z"}""")]
    [InlineData("""[{"Arn": "arn:aws:iam::123456789012:user/a", "ServiceLastAccessed": []}]""")]
    [InlineData("""{"Instances": []}""")]
    [InlineData("""{"ResourcePolicies": []}""")]
    [InlineData("""{"value": [], "Policies": []}""")]
    public void AWS_exports_are_left_to_the_full_reading(string json)
    {
        Assert.False(AwsExportSniffer.CannotBeAwsExport(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Theory]
    [InlineData("""{"value": [1, 2""")]
    [InlineData("""{"value": []} trailing""")]
    [InlineData("""[{"id": 1},]""")]
    [InlineData("\uFEFF{\"value\": []}")]
    [InlineData("")]
    public void Invalid_or_unusual_files_are_left_to_the_full_reading(string json)
    {
        Assert.False(AwsExportSniffer.CannotBeAwsExport(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Fact]
    public void A_file_that_is_not_AWS_is_reported_as_before_at_its_root()
    {
        // Given a Graph page whose root value starts on line 3, and the same page with an AWS name the sniffer defers on
        using var folder = new ScratchFolder(
            ("users.json", "\n\n  {\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\", \"value\": []}"),
            ("other.json", "\n\n  {\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\", \"value\": [], \"Content\": 1}"));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are listed as not recognised, each with one info diagnostic at the root on line 3, column 3
        Assert.All(estate.Inputs, i => Assert.Equal(InputKind.Unrecognized, i.Kind));
        var notRecognised = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.UnrecognizedFile).ToList();
        Assert.Equal(2, notRecognised.Count);
        Assert.All(notRecognised, d => Assert.Equal((DiagnosticSeverity.Info, JsonPath.Root, 3, 3), (d.Severity, d.Location.JsonPath, d.Location.Line, d.Location.Column)));
    }

    [Fact]
    public void Large_files_are_looked_at_in_place_with_the_same_verdicts()
    {
        // Given files above the size looked at in place: a Graph page, the same page invalid at its end, a GAAD export,
        // and an empty file
        var users = string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"{{\"id\": \"{i:D8}-0000-0000-0000-000000000000\", \"userPrincipalName\": \"user{i}@contoso.example\"}}"));
        var page = $"\n  {{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\", \"value\": [{users}]}}";
        var roles = string.Join(", ", Enumerable.Range(0, 1_000).Select(i => $"{{\"RoleName\": \"role{i}\", \"RoleId\": \"AROA{i:D16}\", \"Arn\": \"arn:aws:iam::123456789012:role/role{i}\", \"Path\": \"/\", \"CreateDate\": \"2026-01-01T00:00:00Z\", \"AssumeRolePolicyDocument\": {{\"Version\": \"2012-10-17\", \"Statement\": []}}, \"RolePolicyList\": [], \"AttachedManagedPolicies\": [], \"InstanceProfileList\": [], \"Tags\": []}}"));
        var gaad = $"{{\"UserDetailList\": [], \"GroupDetailList\": [], \"RoleDetailList\": [{roles}], \"Policies\": []}}";
        Assert.All(new[] { page, gaad }, text => Assert.True(Encoding.UTF8.GetByteCount(text) > 64 * 1024));
        using var folder = new ScratchFolder(("users.json", page), ("broken.json", page[..^1]), ("gaad.json", gaad), ("empty.json", string.Empty));

        // When the folder is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the page is not recognised at its root (line 2, column 3), the invalid one is reported as invalid JSON,
        // the GAAD export is read whole, and the empty file is invalid JSON as before
        var notRecognised = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.UnrecognizedFile);
        Assert.Equal(("users.json", 2, 3), (Path.GetFileName(notRecognised.Location.File), notRecognised.Location.Line, notRecognised.Location.Column));
        Assert.Equal(["broken.json", "empty.json"], estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.InvalidJson).Select(d => Path.GetFileName(d.Location.File)).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(1_000, estate.Roles.Count);
    }
}
