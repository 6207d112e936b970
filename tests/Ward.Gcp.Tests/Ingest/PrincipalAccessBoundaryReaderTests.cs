using Ward.Core.Diagnostics;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>Principal access boundary policies and policy bindings as gcloud prints them, and what is reported when they are malformed.</summary>
public sealed class PrincipalAccessBoundaryReaderTests
{
    private const string Policies = """
        [
          {
            "name": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/northwind-only",
            "uid": "puid_1",
            "displayName": "Northwind resources only",
            "details": {
              "rules": [
                {"description": "the organization", "resources": ["//cloudresourcemanager.googleapis.com/organizations/123456789012"], "effect": "ALLOW"},
                {"resources": ["//cloudresourcemanager.googleapis.com/projects/partner-share"], "effect": "DENY"},
                {"resources": ["//storage.googleapis.com/projects/_/buckets/reports", "//cloudresourcemanager.googleapis.com/folders/210987654321"], "effect": "ALLOW"}
              ],
              "enforcementVersion": "v3"
            }
          },
          {"name": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/listed-only", "displayName": "no details"}
        ]
        """;

    private const string Bindings = """
        [
          {
            "name": "organizations/123456789012/locations/global/policyBindings/everyone",
            "target": {"principalSet": "//cloudresourcemanager.googleapis.com/organizations/123456789012"},
            "policyKind": "PRINCIPAL_ACCESS_BOUNDARY",
            "policy": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/northwind-only",
            "condition": {"title": "not the break-glass account", "expression": "principal.subject != 'breakglass@northwind.example'"}
          },
          {
            "name": "organizations/123456789012/locations/global/policyBindings/agents",
            "target": {"principalSet": "//agents.global.org-123456789012.system.id.goog/attribute.container/projects/310000000001"},
            "policyKind": "PRINCIPAL_ACCESS_BOUNDARY",
            "policy": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/northwind-only"
          },
          {
            "name": "projects/nw-build-prod/locations/global/policyBindings/no-target",
            "policyKind": "PRINCIPAL_ACCESS_BOUNDARY",
            "policy": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/northwind-only"
          },
          {
            "name": "projects/nw-build-prod/locations/global/policyBindings/access-policy",
            "target": {"principalSet": "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"},
            "policyKind": "ACCESS",
            "policy": "projects/nw-build-prod/locations/global/accessPolicies/readers"
          }
        ]
        """;

    [Fact]
    public void Policies_and_bindings_are_read_with_their_rules_versions_and_conditions()
    {
        var estate = Load();

        var policy = Assert.Single(estate.PrincipalAccessBoundaryPolicies);
        Assert.Equal("northwind-only", policy.Id);
        Assert.Equal("v3", policy.EnforcementVersion);
        Assert.Equal(
            ["//cloudresourcemanager.googleapis.com/organizations/123456789012", "//cloudresourcemanager.googleapis.com/folders/210987654321"],
            policy.Rules.SelectMany(r => r.Resources),
            StringComparer.Ordinal);
        Assert.True(estate.PrincipalAccessBoundariesExported);
        var everyone = Assert.Single(estate.PolicyBindings, b => b.Id == "everyone");
        Assert.Equal("principal.subject != 'breakglass@northwind.example'", everyone.Condition!.Expression);
        Assert.Equal(2, estate.PolicyBindings.Length);
    }

    [Fact]
    public void The_response_forms_Googles_examples_print_are_read_too()
    {
        // Given the wrapped lists of Google's examples, a version as a number, and a search that finds no binding
        using var folder = new ScratchFolder(
            ("list.json", """{"principalAccessBoundaryPolicies": [{"name": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/example-policy-1", "details": {"enforcementVersion": 1, "rules": [{"effect": "ALLOW", "resources": ["//cloudresourcemanager.googleapis.com/organizations/123456789012"]}]}}]}"""),
            ("search.json", """{"policyBindings": []}"""));

        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Equal("1", Assert.Single(estate.PrincipalAccessBoundaryPolicies).EnforcementVersion);
        Assert.Contains(estate.Inputs, i => i.Path.EndsWith("search.json", StringComparison.Ordinal) && i.Kind == Ward.Gcp.Iam.GcpInputKind.Empty);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Theory]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "policies.json", "$[0].details.rules[1]", "effect `DENY`")]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "policies.json", "$[0].details.rules[2].resources", "`//storage.googleapis.com/projects/_/buckets/reports` is not the full name of an organization, folder or project")]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "policies.json", "$[0].details.enforcementVersion", "enforcement version `v3` is neither a number nor `latest`")]
    [InlineData(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "policies.json", "$[1]", "has no `details.rules`")]
    [InlineData(GcpDiagnosticCodes.UnknownPrincipalSet, DiagnosticSeverity.Warning, "bindings.json", "$[1].target.principalSet", "is of no form Ward knows")]
    [InlineData(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "bindings.json", "$[2]", "has no `target`")]
    [InlineData(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, "bindings.json", "$[3]", "of kind `ACCESS`")]
    public void Malformed_entries_are_reported_where_they_are(string code, DiagnosticSeverity severity, string file, string path, string message) =>
        LocatedDiagnostics.AssertReported(Load().Diagnostics, code, severity, file, path, message);

    private static Ward.Gcp.Iam.GcpEstate Load()
    {
        using var folder = new ScratchFolder(("policies.json", Policies), ("bindings.json", Bindings));
        return GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }
}
