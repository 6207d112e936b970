using System.Text.Json;
using System.Text.Json.Nodes;
using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Tests.Ingest;

public sealed class GaadReaderTests
{
    private const string NorthwindProd = "444455556666";

    [Fact]
    public void The_CLI_form_of_the_sample_reads_without_diagnostics()
    {
        // Given the Northwind prod account's GAAD as the AWS CLI writes it
        // When it is read
        var (export, diagnostics) = Read(Fixtures.Northwind(NorthwindProd, "gaad.json"));

        // Then everything is there and nothing is reported
        Assert.Empty(diagnostics);
        Assert.Equal(NorthwindProd, export.Account);
        Assert.Equal((10, 4, 13, 18), (export.Users.Length, export.Groups.Length, export.Roles.Length, export.Policies.Length));
        Assert.False(export.IsTruncated);
    }

    [Fact]
    public void Entities_keep_the_details_Ward_needs()
    {
        // Given the Northwind prod GAAD
        var (export, _) = Read(Fixtures.Northwind(NorthwindProd, "gaad.json"));

        // When its entities are looked at
        var bob = export.Users.Single(u => u.Name == "bob.martin");
        var henry = export.Users.Single(u => u.Name == "henry.ito");
        var web = export.Roles.Single(r => r.Name == "nw-web-ec2");
        var organizations = export.Roles.Single(r => r.Name == "AWSServiceRoleForOrganizations");
        var developers = export.Groups.Single(g => g.Name == "Developers");

        // Then groups, tags, boundaries, instance profiles, last use and paths are kept
        Assert.Equal(["Developers"], bob.Groups);
        Assert.Equal("orders", bob.Tags["Team"]);
        Assert.Equal(new DateTimeOffset(2022, 1, 17, 14, 22, 39, TimeSpan.Zero), bob.Created);
        Assert.Equal("arn:aws:iam::444455556666:policy/boundaries/NorthwindHelpdeskBoundary", henry.PermissionsBoundaryArn);
        Assert.Equal(["arn:aws:iam::444455556666:instance-profile/nw-web-instance-profile"], web.InstanceProfileArns);
        Assert.Equal("eu-west-1", web.LastUsedRegion);
        Assert.Equal(UseState.Recorded, web.LastUsed.State);
        Assert.NotNull(web.TrustPolicy);
        Assert.True(organizations.IsServiceLinked);
        Assert.Equal(LastUse.Never, organizations.LastUsed);
        Assert.Equal("/engineering/", developers.Path);
        Assert.Contains(developers.InlinePolicies, p => p.Name == "DeveloperPassRoleForLambda");
        Assert.Contains(developers.AttachedPolicies, a => a.PolicyArn == "arn:aws:iam::aws:policy/PowerUserAccess");
    }

    [Fact]
    public void The_default_version_is_the_flagged_one_not_the_first_listed()
    {
        // Given NorthwindDeployPipeline, whose versions are listed v3, v2, v1 with v2 the default
        var (export, _) = Read(Fixtures.Northwind(NorthwindProd, "gaad.json"));
        var pipeline = export.Policies.Single(p => p.Name == "NorthwindDeployPipeline");

        // When its document in force is taken
        // Then it is v2's, and every version is kept
        Assert.Equal<string>(["v3", "v2", "v1"], pipeline.Versions.Select(v => v.VersionId), StringComparer.Ordinal);
        Assert.Same(pipeline.Versions[1].Document, pipeline.DefaultDocument);
        Assert.All(pipeline.Versions, v => Assert.NotNull(v.Document));
    }

    [Fact]
    public void The_raw_API_form_reads_without_diagnostics()
    {
        // Given the URL-encoded raw API form of part of the same account
        // When it is read
        var (export, diagnostics) = Read(Fixtures.PathOf("gaad-raw-api-urlencoded.json"));

        // Then everything is there and nothing is reported
        Assert.Empty(diagnostics);
        Assert.Equal((2, 2, 3, 8), (export.Users.Length, export.Groups.Length, export.Roles.Length, export.Policies.Length));
    }

    [Fact]
    public void The_raw_API_form_gives_the_same_entities_as_the_CLI_form()
    {
        // Given the raw API form and the CLI form of the same entities
        var (raw, _) = Read(Fixtures.PathOf("gaad-raw-api-urlencoded.json"));
        var (cli, _) = Read(Fixtures.Northwind(NorthwindProd, "gaad.json"));

        // When each raw entity is compared with its CLI twin
        // Then documents, dates, tags, attachments and boundaries are the same
        foreach (var user in raw.Users)
        {
            var twin = cli.Users.Single(u => u.Arn == user.Arn);
            Assert.Equal(Describe(twin), Describe(user));
        }

        foreach (var group in raw.Groups)
        {
            var twin = cli.Groups.Single(g => g.Arn == group.Arn);
            Assert.Equal(Describe(twin), Describe(group));
        }

        foreach (var role in raw.Roles)
        {
            var twin = cli.Roles.Single(r => r.Arn == role.Arn);
            Assert.Equal(Describe(twin), Describe(role));
        }

        foreach (var policy in raw.Policies)
        {
            var twin = cli.Policies.Single(p => p.Arn == policy.Arn);
            Assert.Equal(Describe(twin), Describe(policy));
        }
    }

    [Fact]
    public void Percent_encoding_keeps_plus_signs_and_UTF_8()
    {
        // Given the raw API form
        var (raw, _) = Read(Fixtures.PathOf("gaad-raw-api-urlencoded.json"));

        // When the documents with `+` and `ü` are looked at
        var web = raw.Roles.Single(r => r.Name == "nw-web-ec2");
        var etl = raw.Policies.Single(p => p.Name == "NorthwindEtlOperator");
        var resources = web.InlinePolicies.SelectMany(p => p.Document.Statements).SelectMany(s => s.Resource?.Patterns ?? []);
        var values = etl.Versions.Single(v => v.VersionId == "v3").Document!.Statements.SelectMany(s => s.Conditions).SelectMany(c => c.Values);

        // Then `%2B` is a plus sign (never a space) and `%C3%BC` is `ü`
        Assert.Contains("arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-*", resources, StringComparer.Ordinal);
        Assert.Contains("Zürich-Daten", values, StringComparer.Ordinal);
    }

    [Fact]
    public void A_permissions_boundary_that_is_not_an_object_is_reported_and_leaves_the_principal_undecided()
    {
        // Given a user whose boundary is the bare ARN, not {"PermissionsBoundaryType": ..., "PermissionsBoundaryArn": ...}
        var file = Path.Combine(Directory.CreateTempSubdirectory("ward-gaad-").FullName, "gaad.json");
        File.WriteAllText(file, """
            {
              "UserDetailList": [
                {
                  "Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001", "Arn": "arn:aws:iam::111122223333:user/alice",
                  "CreateDate": "2024-01-10T09:00:00+00:00", "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [],
                  "PermissionsBoundary": "arn:aws:iam::111122223333:policy/dev-boundary", "Tags": []
                }
              ],
              "GroupDetailList": [], "RoleDetailList": [], "Policies": []
            }
            """);

        // When it is read
        var (export, diagnostics) = Read(file);

        // Then the boundary is reported at its path, and the user is kept with it as a problem (its access undecided)
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.UserDetailList[0].PermissionsBoundary", DiagnosticSeverity.Error);
        var alice = Assert.Single(export.Users);
        Assert.Null(alice.PermissionsBoundaryArn);
        Assert.Contains("`PermissionsBoundary` could not be read", alice.Problems, StringComparer.Ordinal);
    }

    [Fact]
    public void Wrong_shapes_are_reported_at_their_path_and_the_rest_is_read()
    {
        // Given a GAAD with elements of the wrong type
        // When it is read
        var (export, diagnostics) = Read(Fixtures.PathOf("gaad-wrong-shape.json"));

        // Then each problem is reported at its place
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.UserDetailList", DiagnosticSeverity.Error);
        AssertReported(diagnostics, PolicyDiagnosticCodes.InvalidStatement, "$.GroupDetailList[0].GroupPolicyList[0].PolicyDocument.Statement", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.GroupDetailList[0].AttachedManagedPolicies", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.MissingField, "$.RoleDetailList[0]", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.RoleDetailList[1].CreateDate", DiagnosticSeverity.Warning);
        AssertReported(diagnostics, PolicyDiagnosticCodes.NotAnObject, "$.RoleDetailList[2].AssumeRolePolicyDocument", DiagnosticSeverity.Error);
        AssertReported(diagnostics, PolicyDiagnosticCodes.WrongValueType, "$.RoleDetailList[2].RolePolicyList[0].PolicyDocument.Statement[0].Resource", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.MissingField, "$.Policies[1]", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.Policies[2]", DiagnosticSeverity.Error);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.Policies[3]", DiagnosticSeverity.Error);
        Assert.All(diagnostics, d => Assert.Equal(Fixtures.PathOf("gaad-wrong-shape.json"), d.Location.File));

        // And what is sound is still read
        Assert.Empty(export.Users);
        var developers = Assert.Single(export.Groups);
        Assert.Contains(developers.InlinePolicies, p => p.Name == "fine-inline" && p.Document.Statements.All(s => s.Problem is null));
        Assert.Contains(developers.InlinePolicies, p => p.Name == "numeric-statement" && p.Document.Statements.Any(s => s.Problem is not null));
        Assert.Equal<string>(["ok-role", "trust-is-a-list"], export.Roles.Select(r => r.Name), StringComparer.Ordinal);
        var okRole = export.Roles[0];
        Assert.Null(okRole.Created);
        Assert.Equal<string>(["arn:aws:iam::123456789012:policy/OkPolicy"], okRole.AttachedPolicies.Select(a => a.PolicyArn), StringComparer.Ordinal);
        Assert.Null(export.Roles[1].TrustPolicy);
        Assert.NotNull(export.Policies.Single(p => p.Name == "OkPolicy").DefaultDocument);
        Assert.Null(export.Policies.Single(p => p.Name == "NoDefaultVersion").DefaultDocument);
        Assert.Equal(3, export.Policies.Length);
    }

    [Fact]
    public void A_list_of_the_wrong_shape_marks_its_entity_as_incomplete()
    {
        // Given the group whose AttachedManagedPolicies is a string
        var (export, _) = Read(Fixtures.PathOf("gaad-wrong-shape.json"));

        // When the group is looked at
        var developers = Assert.Single(export.Groups);

        // Then its attachments are unknown, and it says so
        Assert.Empty(developers.AttachedPolicies);
        var problem = Assert.Single(developers.Problems);
        Assert.Contains("AttachedManagedPolicies", problem, StringComparison.Ordinal);
        Assert.Empty(export.Roles[0].Problems);
    }

    [Fact]
    public void A_null_list_is_read_as_empty_with_a_located_warning_and_the_rest_is_read()
    {
        // Given the Northwind prod GAAD as a tool that writes empty lists as null would: henry.ito's groups, alice's
        // attached policies and the Lambda role's inline policies are null where the AWS CLI writes []
        var gaad = JsonNode.Parse(File.ReadAllText(Fixtures.Northwind(NorthwindProd, "gaad.json")))!;
        gaad["UserDetailList"]![7]!["GroupList"] = null;
        gaad["UserDetailList"]![0]!["AttachedManagedPolicies"] = null;
        gaad["RoleDetailList"]![2]!["RolePolicyList"] = null;
        using var folder = new ScratchFolder(("gaad.json", gaad.ToJsonString()));
        var file = Path.Combine(folder.Path, "gaad.json");

        // When it is read
        var (export, diagnostics) = Read(file);

        // Then each null list is named by file and JSON path in a warning, and every entity is still read
        Assert.Equal(
            ["$.RoleDetailList[2].RolePolicyList", "$.UserDetailList[0].AttachedManagedPolicies", "$.UserDetailList[7].GroupList"],
            diagnostics.Select(d => d.Location.JsonPath),
            StringComparer.Ordinal);
        Assert.All(diagnostics, d => Assert.Equal((IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, file), (d.Code, d.Severity, d.Location.File)));
        Assert.Equal("`GroupList` is null where a list is expected (the AWS CLI writes an empty list as `[]`): read as empty, so anything it should hold is missing", diagnostics[2].Message);
        Assert.Equal((10, 4, 13, 18), (export.Users.Length, export.Groups.Length, export.Roles.Length, export.Policies.Length));
        Assert.Empty(export.Users.Single(u => u.Name == "henry.ito").Groups);
        Assert.Equal(["IAMFullAccess"], export.Users.Single(u => u.Name == "henry.ito").AttachedPolicies.Select(a => a.PolicyName), StringComparer.Ordinal);
    }

    [Fact]
    public void Several_versions_flagged_default_without_one_named_leave_no_document_in_force()
    {
        // Given a policy with two versions flagged default, neither of them the one DefaultVersionId names
        var (export, diagnostics) = ReadText("""
            {"Policies":[{"PolicyName":"Twice","Arn":"arn:aws:iam::123456789012:policy/Twice","DefaultVersionId":"v3","PolicyVersionList":[
              {"VersionId":"v2","IsDefaultVersion":true,"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}},
              {"VersionId":"v1","IsDefaultVersion":true,"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}}]}]}
            """);

        // When it is read
        var policy = Assert.Single(export.Policies);

        // Then Ward picks neither, and says so
        Assert.Null(policy.DefaultDocument);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.Policies[0]", DiagnosticSeverity.Error);
    }

    [Fact]
    public void Unknown_fields_are_reported_once_per_entity_kind()
    {
        // Given two users and a role with the same unknown field, and an unknown top-level field
        var (export, diagnostics) = ReadText("""
            {"UserDetailList":[
               {"UserName":"a","Arn":"arn:aws:iam::123456789012:user/a","Colour":"red"},
               {"UserName":"b","Arn":"arn:aws:iam::123456789012:user/b","Colour":"blue"}],
             "RoleDetailList":[{"RoleName":"r","Arn":"arn:aws:iam::123456789012:role/r","Colour":"green",
               "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}],
             "ExportedBy":"someone"}
            """);

        // When it is read
        var unknown = diagnostics.Where(d => d.Code == IngestDiagnosticCodes.UnknownField).ToList();

        // Then each unknown field is a warning once per kind of entity, at its first occurrence, and nothing is lost
        Assert.Equal<string?>(
            ["$.ExportedBy", "$.RoleDetailList[0].Colour", "$.UserDetailList[0].Colour"],
            unknown.Select(d => d.Location.JsonPath).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.All(unknown, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(2, export.Users.Length);
        Assert.Single(export.Roles);
    }

    [Theory]
    [InlineData("""{"UserDetailList":[{"Arn":"arn:aws:iam::123456789012:user/a"}]}""", IngestDiagnosticCodes.MissingField, "$.UserDetailList[0]")]
    [InlineData("""{"UserDetailList":[{"UserName":"a","Arn":"arn:aws:iam::12345:user/a"}]}""", IngestDiagnosticCodes.WrongShape, "$.UserDetailList[0].Arn")]
    [InlineData("""{"UserDetailList":[{"UserName":"a","Arn":42}]}""", IngestDiagnosticCodes.WrongShape, "$.UserDetailList[0].Arn")]
    [InlineData("""{"GroupDetailList":[{"GroupName":"g"}]}""", IngestDiagnosticCodes.MissingField, "$.GroupDetailList[0]")]
    [InlineData("""{"RoleDetailList":[{"RoleName":"r","Arn":"role/r"}]}""", IngestDiagnosticCodes.WrongShape, "$.RoleDetailList[0].Arn")]
    [InlineData("""{"Policies":[{"PolicyName":"p"}]}""", IngestDiagnosticCodes.MissingField, "$.Policies[0]")]
    public void An_entity_without_a_usable_ARN_or_name_is_skipped(string json, string code, string path)
    {
        // Given an entity Ward cannot identify
        // When it is read
        var (export, diagnostics) = ReadText(json);

        // Then it is reported and skipped, never invented
        AssertReported(diagnostics, code, path, DiagnosticSeverity.Error);
        Assert.Empty(export.Users);
        Assert.Empty(export.Groups);
        Assert.Empty(export.Roles);
        Assert.Empty(export.Policies);
    }

    [Fact]
    public void A_role_without_trust_policy_is_read_with_a_warning()
    {
        // Given a role without AssumeRolePolicyDocument
        var (export, diagnostics) = ReadText("""{"RoleDetailList":[{"RoleName":"r","Arn":"arn:aws:iam::123456789012:role/r"}]}""");

        // When it is read
        // Then it is kept, without trust policy, and the reader warns that nobody will be found able to assume it
        Assert.Null(Assert.Single(export.Roles).TrustPolicy);
        AssertReported(diagnostics, IngestDiagnosticCodes.MissingField, "$.RoleDetailList[0]", DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Only_a_present_RoleLastUsed_says_whether_a_role_was_used()
    {
        // Given roles whose RoleLastUsed is a date, `{}`, a region without date, absent, and an unreadable date
        var (export, diagnostics) = ReadText("""
            {"RoleDetailList":[
              {"RoleName":"used","Arn":"arn:aws:iam::123456789012:role/used","AssumeRolePolicyDocument":{},"RoleLastUsed":{"LastUsedDate":"2026-03-01T10:00:00Z","Region":"eu-west-1"}},
              {"RoleName":"empty","Arn":"arn:aws:iam::123456789012:role/empty","AssumeRolePolicyDocument":{},"RoleLastUsed":{}},
              {"RoleName":"region","Arn":"arn:aws:iam::123456789012:role/region","AssumeRolePolicyDocument":{},"RoleLastUsed":{"Region":"eu-west-1"}},
              {"RoleName":"absent","Arn":"arn:aws:iam::123456789012:role/absent","AssumeRolePolicyDocument":{}},
              {"RoleName":"epoch","Arn":"arn:aws:iam::123456789012:role/epoch","AssumeRolePolicyDocument":{},"RoleLastUsed":{"LastUsedDate":1793440000}}
            ]}
            """);

        // Then a date is recorded use, an explicit RoleLastUsed without date is no recorded use, and the rest is unknown
        var states = export.Roles.ToDictionary(r => r.Name, r => r.LastUsed.State, StringComparer.Ordinal);
        Assert.Equal(UseState.Recorded, states["used"]);
        Assert.Equal(UseState.Never, states["empty"]);
        Assert.Equal(UseState.Never, states["region"]);
        Assert.Equal(UseState.Unknown, states["absent"]);
        Assert.Equal(UseState.Unknown, states["epoch"]);
        AssertReported(diagnostics, IngestDiagnosticCodes.WrongShape, "$.RoleDetailList[4].RoleLastUsed.LastUsedDate", DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_truncated_page_says_so()
    {
        // Given the first of two pages
        var (export, _) = Read(Fixtures.PathOf("gaad-split-part1.json"));

        // When it is read
        // Then the export knows it is truncated
        Assert.True(export.IsTruncated);
        Assert.Equal((10, 4, 5, 0), (export.Users.Length, export.Groups.Length, export.Roles.Length, export.Policies.Length));
    }

    [Theory]
    [InlineData("""{"UserDetailList":[]}""", true)]
    [InlineData("""{"Policies":[],"IsTruncated":false}""", true)]
    [InlineData("""{"Organization":{"Id":"o-1"},"Accounts":[]}""", false)]
    [InlineData("""{"Users":[]}""", false)]
    [InlineData("""[{"UserDetailList":[]}]""", false)]
    public void A_GAAD_export_is_recognised_by_its_lists(string json, bool expected)
    {
        // Given a JSON document
        using var document = JsonDocument.Parse(json);

        // When the reader is asked whether it is GAAD output
        // Then only an object with one of the four GAAD lists is
        Assert.Equal(expected, GaadReader.Recognizes(document.RootElement));
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_reported_not_thrown()
    {
        // Given a user name holding the escape of an unpaired surrogate
        const string json = """{"UserDetailList":[{"UserName":"\uD800","Arn":"arn:aws:iam::123456789012:user/x"}]}""";

        // When it is read
        var exception = Record.Exception(() => ReadText(json));

        // Then the reader reports instead of throwing
        Assert.Null(exception);
    }

    private static (GaadExport Export, Diagnostic[] Diagnostics) Read(string path)
    {
        var bag = new DiagnosticBag();
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var export = GaadReader.Read(document.RootElement, path, bag);
        return (export, [.. bag.ToSortedArray()]);
    }

    private static (GaadExport Export, Diagnostic[] Diagnostics) ReadText(string json)
    {
        var bag = new DiagnosticBag();
        using var document = JsonDocument.Parse(json);
        var export = GaadReader.Read(document.RootElement, "inline.json", bag);
        return (export, [.. bag.ToSortedArray()]);
    }

    private static void AssertReported(IEnumerable<Diagnostic> diagnostics, string code, string path, DiagnosticSeverity severity) =>
        Assert.True(
            diagnostics.Any(d => d.Code == code && d.Location.JsonPath == path && d.Severity == severity),
            $"expected {severity} {code} at {path}; got:\n{string.Join("\n", diagnostics)}");

    private static string Describe(IamUser user) => string.Join(
        "\n",
        user.Name,
        user.Path,
        user.UserId,
        user.Created,
        string.Join(",", user.Groups),
        string.Join(",", user.Tags),
        user.PermissionsBoundaryArn,
        string.Join(",", user.AttachedPolicies),
        string.Join("\n", user.InlinePolicies.Select(p => p.Name + ":" + PolicyPrinter.Print(p.Document))));

    private static string Describe(IamGroup group) => string.Join(
        "\n",
        group.Name,
        group.Path,
        string.Join(",", group.AttachedPolicies),
        string.Join("\n", group.InlinePolicies.Select(p => p.Name + ":" + PolicyPrinter.Print(p.Document))));

    private static string Describe(IamRole role) => string.Join(
        "\n",
        role.Name,
        role.Path,
        role.RoleId,
        role.Created,
        role.LastUsed,
        role.LastUsedRegion,
        string.Join(",", role.Tags),
        string.Join(",", role.InstanceProfileArns),
        role.PermissionsBoundaryArn,
        string.Join(",", role.AttachedPolicies),
        role.TrustPolicy is null ? "no trust policy" : PolicyPrinter.Print(role.TrustPolicy),
        string.Join("\n", role.InlinePolicies.Select(p => p.Name + ":" + PolicyPrinter.Print(p.Document))));

    private static string Describe(ManagedPolicy policy) => string.Join(
        "\n",
        policy.Name,
        policy.Path,
        policy.DefaultVersionId,
        string.Join("\n", policy.Versions.Select(v => $"{v.VersionId} {v.IsDefault} {v.Created}: {(v.Document is null ? "none" : PolicyPrinter.Print(v.Document))}")));
}
