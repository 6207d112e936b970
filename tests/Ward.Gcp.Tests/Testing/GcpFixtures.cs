using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;

namespace Ward.Gcp.Tests.Testing;

/// <summary>
/// The Northwind organization export (Fixtures/organization, in the layout of scripts/export-gcp.sh): two folders,
/// four projects, service accounts and keys, custom roles, conditional bindings, a deleted member, a service account
/// bound but gone from its project, a deleted custom role still bound and a role missing from the roles export.
/// </summary>
internal static class GcpFixtures
{
    public const string Organization = "organizations/123456789012";
    public const string Engineering = "folders/210987654321";
    public const string SharedServices = "folders/220987654321";
    public const string BuildProd = "projects/310000000001";
    public const string AppProd = "projects/310000000002";
    public const string AppDev = "projects/310000000003";
    public const string SharedLogs = "projects/310000000004";
    public const string Terraform = "terraform@nw-build-prod.iam.gserviceaccount.com";
    public const string TerraformKey = "3f2a9c4b7d1e6f80a2b4c6d8e0f1a3b5c7d9e1f2";

    private static readonly Lazy<GcpEstate> Loaded = new(() => GcpEstateLoader.Load([OrganizationFolder]));

    public static string OrganizationFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "organization");

    public static string IamPolicyExport => Path.Combine(OrganizationFolder, "assets", "iam-policy.json");

    public static string CamelCaseAssets => Path.Combine(AppContext.BaseDirectory, "Fixtures", "forms", "assets-camel-case.jsonl");

    public static GcpEstate Estate => Loaded.Value;

    public static string Full(string relativeName) => ResourceNames.Container(relativeName);
}
