using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class BadInputTests
{
    private const string ProjectPolicyLine = """{"name":"//cloudresourcemanager.googleapis.com/projects/310000000001","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"bindings":[{"role":"roles/viewer","members":["user:dana@northwind.example"]}]},"ancestors":["projects/310000000001","organizations/123456789012"]}""";
    private const string FolderPolicyLine = """{"name":"//cloudresourcemanager.googleapis.com/folders/210987654321","asset_type":"cloudresourcemanager.googleapis.com/Folder","iam_policy":{"bindings":[{"role":"roles/editor","members":["group:engineering@northwind.example"]}]},"ancestors":["folders/210987654321","organizations/123456789012"]}""";

    [Fact]
    public void A_malformed_line_is_reported_at_its_line_and_the_other_lines_are_read()
    {
        // Given an asset export whose second line is truncated and whose third has members as a string
        using var scratch = new ScratchFolder();
        var file = scratch.Write("iam-policy.json", string.Join('\n',
            ProjectPolicyLine,
            """{"name":"//cloudresourcemanager.googleapis.com/folders/1","asset_type":"cloud""",
            """{"name":"//cloudresourcemanager.googleapis.com/organizations/123456789012","asset_type":"cloudresourcemanager.googleapis.com/Organization","iam_policy":{"bindings":[{"role":"roles/owner","members":"user:dana@northwind.example"}]},"ancestors":["organizations/123456789012"]}""",
            FolderPolicyLine) + "\n");

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then line 2 is invalid JSON, line 3's binding is a wrong shape at its path, and the project and folder policies are read
        var invalid = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.InvalidJson);
        Assert.Equal(2, invalid.Location.Line);
        var wrong = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape);
        Assert.Equal(3, wrong.Location.Line);
        Assert.Equal("$.iam_policy.bindings[0].members", wrong.Location.JsonPath);
        Assert.NotNull(estate.FindPolicy("//cloudresourcemanager.googleapis.com/projects/310000000001"));
        Assert.NotNull(estate.FindPolicy("//cloudresourcemanager.googleapis.com/folders/210987654321"));
        Assert.Empty(estate.FindPolicy("//cloudresourcemanager.googleapis.com/organizations/123456789012")!.Bindings);
        Assert.Contains("4 lines", Assert.Single(estate.Inputs).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_is_not_CEL_is_a_warning_at_its_expression_and_its_grant_stays_conditional()
    {
        // Given a project policy whose temporary grant lost its closing parenthesis, a folder policy with a well-formed
        // condition, and a deny policy whose condition has a dangling operator
        using var scratch = new ScratchFolder();
        var policies = scratch.Write("assets/iam-policy.json", string.Join('\n',
            """{"name":"//cloudresourcemanager.googleapis.com/projects/310000000001","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"bindings":[{"role":"roles/viewer","members":["user:dana@northwind.example"]},{"role":"roles/storage.admin","members":["user:erin@northwind.example"],"condition":{"title":"until 2027","expression":"request.time < timestamp(\"2027-01-01T00:00:00Z\""}}]},"ancestors":["projects/310000000001","organizations/123456789012"]}""",
            """{"name":"//cloudresourcemanager.googleapis.com/folders/210987654321","asset_type":"cloudresourcemanager.googleapis.com/Folder","iam_policy":{"bindings":[{"role":"roles/storage.admin","members":["group:engineering@northwind.example"],"condition":{"title":"logs only","expression":"resource.name.startsWith(\"projects/_/buckets/nw-logs\")"}}]},"ancestors":["folders/210987654321","organizations/123456789012"]}""") + "\n");
        var denies = scratch.Write("deny-policies/organizations-123456789012.json", """
            [{"name":"policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/no-deletes","kind":"DenyPolicy","rules":[{"denyRule":{"deniedPrincipals":["principalSet://goog/public:all"],"deniedPermissions":["storage.googleapis.com/buckets.delete"],"denialCondition":{"title":"prod","expression":"resource.name.startsWith(\"projects/_/buckets/prod\") ||"}}}]}]
            """);

        // When they are loaded
        var estate = GcpEstateLoader.Load([policies, denies], TestContext.Current.CancellationToken);

        // Then each unparsable condition is a warning at its expression (with the line of its asset), the well-formed one is not reported
        var unparsable = estate.Diagnostics.Where(d => d.Code == GcpDiagnosticCodes.UnparsableCondition).OrderBy(d => d.Location.File, StringComparer.Ordinal).ToList();
        Assert.Equal(2, unparsable.Count);
        Assert.All(unparsable, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal((1, "$.iam_policy.bindings[1].condition.expression"), (unparsable[0].Location.Line, unparsable[0].Location.JsonPath));
        Assert.Contains("roles/storage.admin", unparsable[0].Message, StringComparison.Ordinal);
        Assert.Equal("$[0].rules[0].denyRule.denialCondition.expression", unparsable[1].Location.JsonPath);

        // And both are kept: the grant is still there, conditional on what cannot be read
        var binding = estate.FindPolicy("//cloudresourcemanager.googleapis.com/projects/310000000001")!.Bindings[1];
        Assert.Equal("roles/storage.admin", binding.Role);
        Assert.NotNull(binding.Condition);
        Assert.Single(Assert.Single(estate.DenyPolicies).Rules);
    }

    [Fact]
    public void A_Composer_environment_without_its_DAG_prefix_is_reported_at_its_line_and_kept_without_a_bucket()
    {
        // Given a resource export whose second environment lost its config.dagGcsPrefix
        using var scratch = new ScratchFolder();
        const string Environment = """{"name":"//composer.googleapis.com/projects/nw-build-prod/locations/europe-west1/environments/etl","asset_type":"composer.googleapis.com/Environment","resource":{"version":"v1beta1","discovery_name":"Environment","data":{"name":"projects/nw-build-prod/locations/europe-west1/environments/etl","state":"RUNNING","config":{"dagGcsPrefix":"gs://europe-west1-etl-bucket/dags","nodeConfig":{"serviceAccount":"etl@nw-build-prod.iam.gserviceaccount.com"}}}},"ancestors":["projects/310000000001","organizations/123456789012"]}""";
        var file = scratch.Write("resource.json", string.Join('\n',
            Environment,
            Environment.Replace("environments/etl", "environments/broken", StringComparison.Ordinal).Replace("\"dagGcsPrefix\":\"gs://europe-west1-etl-bucket/dags\",", string.Empty, StringComparison.Ordinal)) + "\n");

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then both environments are kept, and the broken one is reported at its line and path, without a bucket
        Assert.Equal(2, estate.ComposerEnvironments.Length);
        var missing = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField);
        Assert.Equal((2, "$.resource.data.config"), (missing.Location.Line, missing.Location.JsonPath));
        Assert.Contains("environments/broken", missing.Message, StringComparison.Ordinal);
        Assert.Null(estate.ComposerEnvironments[1].DagBucket);
        Assert.Equal("europe-west1-etl-bucket", estate.ComposerEnvironments[0].DagBucket);
    }

    [Fact]
    public void A_bucket_with_an_unknown_public_access_prevention_value_is_reported_at_its_line_and_not_read_as_enforced()
    {
        // Given a resource export of two buckets, the second with a public access prevention value Cloud Storage does not write
        using var scratch = new ScratchFolder();
        const string Bucket = """{"name":"//storage.googleapis.com/nw-site","asset_type":"storage.googleapis.com/Bucket","resource":{"version":"v1","discovery_name":"Bucket","data":{"id":"nw-site","name":"nw-site","kind":"storage#bucket","projectNumber":"310000000001","iamConfiguration":{"uniformBucketLevelAccess":{"enabled":true},"publicAccessPrevention":"enforced"}}},"ancestors":["projects/310000000001","organizations/123456789012"]}""";
        var file = scratch.Write("resource.json", string.Join('\n',
            Bucket,
            Bucket.Replace("nw-site", "nw-odd", StringComparison.Ordinal).Replace("\"enforced\"", "\"on\"", StringComparison.Ordinal)) + "\n");

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then both buckets are kept, the first enforcing prevention, the second reported at its line and path and not enforcing
        Assert.Equal(["nw-site", "nw-odd"], estate.Buckets.Select(b => b.Name), StringComparer.Ordinal);
        Assert.True(estate.FindBucketOf("//storage.googleapis.com/nw-site")!.EnforcesPublicAccessPrevention);
        Assert.Same(estate.Buckets[0], estate.FindBucketOf("//storage.googleapis.com/projects/_/buckets/nw-site/managedFolders/reports"));
        Assert.False(estate.Buckets[1].EnforcesPublicAccessPrevention);
        var odd = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape);
        Assert.Equal((2, "$.resource.data.iamConfiguration"), (odd.Location.Line, odd.Location.JsonPath));
        Assert.Contains("`nw-odd`", odd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_asset_with_different_content_in_two_exports_is_reported_and_the_first_kept()
    {
        // Given the project's policy in two exports, the second granting editor instead of viewer
        using var scratch = new ScratchFolder(
            ("a/iam-policy.json", ProjectPolicyLine + "\n"),
            ("b/iam-policy.json", ProjectPolicyLine.Replace("roles/viewer", "roles/editor", StringComparison.Ordinal) + "\n"));

        // When both are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then one warning names the second copy's line, and the first is used
        var duplicate = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.Duplicate);
        Assert.Equal(DiagnosticSeverity.Warning, duplicate.Severity);
        Assert.EndsWith(Path.Combine("b", "iam-policy.json"), duplicate.Location.File, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.Location.Line);
        Assert.Equal("roles/viewer", Assert.Single(estate.Policies).Bindings[0].Role);
    }

    [Fact]
    public void The_same_asset_repeated_identically_is_merged_without_a_word()
    {
        // Given the project's policy exported twice, identical
        using var scratch = new ScratchFolder(("a/iam-policy.json", ProjectPolicyLine + "\n"), ("b/iam-policy.json", ProjectPolicyLine + "\n"));

        // When both are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then there is one policy and no duplicate warning
        Assert.Single(estate.Policies);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.Duplicate);
    }

    [Fact]
    public void Another_clouds_export_is_not_recognised_with_an_info_only()
    {
        // Given an AWS authorization details export and a list of objects Ward does not know
        using var scratch = new ScratchFolder(
            ("gaad.json", """{"UserDetailList":[],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}"""),
            ("things.json", """[{"id":1},{"id":2}]"""));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then both are listed as not recognised, each with an info, and nothing usable is an error
        Assert.All(estate.Inputs, i => Assert.Equal(GcpInputKind.NotRecognised, i.Kind));
        Assert.Equal(2, estate.Diagnostics.Count(d => d.Code == GcpDiagnosticCodes.UnrecognizedFile && d.Severity == DiagnosticSeverity.Info));
        Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.NothingUsable);
    }

    [Fact]
    public void An_unknown_entry_among_service_accounts_is_an_error_at_its_line_and_the_others_are_read()
    {
        // Given a service account list with a stray object in the middle
        using var scratch = new ScratchFolder(("accounts.json", """
            [
              {"email": "a@p.iam.gserviceaccount.com", "uniqueId": "1", "projectId": "p"},
              {"kind": "something else"},
              {"email": "b@p.iam.gserviceaccount.com", "uniqueId": "2", "projectId": "p", "disabled": "yes"}
            ]
            """));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the stray entry is an error at line 3, the wrong `disabled` a wrong shape at line 4, and both accounts are read
        var unknown = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownEntry);
        Assert.Equal(("$[1]", 3), (unknown.Location.JsonPath, unknown.Location.Line));
        var wrong = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape);
        Assert.Equal(("$[2].disabled", 4), (wrong.Location.JsonPath, wrong.Location.Line));
        Assert.Equal(2, estate.ServiceAccounts.Length);
    }

    [Fact]
    public void A_file_that_is_neither_json_nor_asset_lines_is_invalid_json_with_its_line()
    {
        // Given a truncated roles list
        using var scratch = new ScratchFolder(("roles.json", "[\n  {\"name\": \"roles/viewer\",\n"));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then it is invalid JSON, located, and the file is unreadable
        var invalid = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.InvalidJson);
        Assert.NotNull(invalid.Location.Line);
        Assert.Equal(GcpInputKind.Unreadable, Assert.Single(estate.Inputs).Kind);
    }

    [Fact]
    public void Empty_exports_are_read_as_empty()
    {
        // Given an empty asset export file and an empty gcloud list
        using var scratch = new ScratchFolder(("iam-policy.json", string.Empty), ("keys.json", "[]"));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then both are empty inputs, not errors of their own
        Assert.All(estate.Inputs, i => Assert.Equal(GcpInputKind.Empty, i.Kind));
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code is GcpDiagnosticCodes.InvalidJson or GcpDiagnosticCodes.UnrecognizedFile);
    }

    [Fact]
    public void Roles_listed_without_permissions_are_reported_once_and_a_described_copy_wins()
    {
        // Given `gcloud iam roles list` (no permissions: the BASIC view) and `roles describe` of one of its roles
        using var scratch = new ScratchFolder(
            ("a-list.json", """[{"name": "roles/viewer", "title": "Viewer", "stage": "GA", "etag": "AA=="}, {"name": "roles/editor", "title": "Editor", "stage": "GA", "etag": "AA=="}]"""),
            ("b-viewer.json", """{"name": "roles/viewer", "title": "Viewer", "includedPermissions": ["resourcemanager.projects.get"], "stage": "GA", "etag": "AA=="}"""));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then viewer has its permissions, editor's are unknown, and one warning says so for the list
        Assert.True(estate.FindRole("roles/viewer")!.PermissionsKnown);
        Assert.False(estate.FindRole("roles/editor")!.PermissionsKnown);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField);
        Assert.StartsWith("1 role of this file", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.Duplicate);
    }

    [Fact]
    public void Unknown_member_forms_and_malformed_key_names_are_reported_and_skipped_or_kept()
    {
        // Given a policy naming a member of no known form, and a key whose name does not name its account
        using var scratch = new ScratchFolder(
            ("iam-policy.json", ProjectPolicyLine.Replace("user:dana@northwind.example", "robot:r2d2", StringComparison.Ordinal) + "\n"),
            ("keys.json", """[{"name": "keys/abc", "keyType": "USER_MANAGED", "validAfterTime": "2025-01-01T00:00:00Z"}, {"name": "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/def", "keyType": "SOMETIMES_MANAGED"}]"""));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the member is kept as unknown with a warning; the first key is skipped with an error, the second kept with its type unspecified
        var member = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownMember);
        Assert.Equal("$.iam_policy.bindings[0].members[0]", member.Location.JsonPath);
        Assert.Equal(MemberKind.Unknown, estate.Policies[0].Bindings[0].Members[0].Kind);
        Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape && d.Severity == DiagnosticSeverity.Error && d.Location.JsonPath == "$[0].name");
        Assert.Equal(ServiceAccountKeyType.Unspecified, Assert.Single(estate.ServiceAccountKeys).KeyType);
    }

    [Fact]
    public void A_parent_missing_from_the_export_is_reported_and_the_ancestry_walked_as_far_as_known()
    {
        // Given a project asset without ancestry whose parent folder is not exported
        using var scratch = new ScratchFolder(("resource.json", """{"name":"//cloudresourcemanager.googleapis.com/projects/9","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"parent":"//cloudresourcemanager.googleapis.com/folders/8","data":{"projectId":"lonely","projectNumber":"9","name":"Lonely"}}}""" + "\n"));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the gap is a warning and the ancestry holds the project and its parent only
        var gap = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
        Assert.Contains("`folders/8`", gap.Message, StringComparison.Ordinal);
        Assert.Equal(["projects/9", "folders/8"], estate.FindNode("lonely")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
    }

    [Fact]
    public void A_file_named_directly_is_read_whatever_its_extension_and_folders_skip_other_files()
    {
        // Given an asset export saved without an extension, and a README beside it
        using var scratch = new ScratchFolder(("export", ProjectPolicyLine + "\n"), ("README.md", "# notes"));

        // When the file is named directly, then the folder is given
        var direct = GcpEstateLoader.Load([Path.Combine(scratch.Path, "export")], TestContext.Current.CancellationToken);
        var folder = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the named file is read by its content; in the folder, neither is a JSON file and both are left
        Assert.Single(direct.Policies);
        Assert.All(folder.Inputs, i => Assert.Equal(GcpInputKind.NotRecognised, i.Kind));
    }

    [Fact]
    public void Files_read_side_by_side_keep_path_order_the_first_copy_wins_and_skipped_files_keep_their_places()
    {
        // Given forty exports of one project's policy, each granting a role of its own, each beside a note
        (string Path, string Text)[] files = [.. Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            ($"p{i:D2}/iam-policy.json", ProjectPolicyLine.Replace("roles/viewer", $"roles/role{i:D2}", StringComparison.Ordinal) + "\n"),
            ($"p{i:D2}/notes.txt", "not an export"),
        })];
        using var scratch = new ScratchFolder(files);

        // When the folder is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the first in path order is used and every later copy reported, and the inputs follow the paths
        Assert.Equal("roles/role00", Assert.Single(estate.Policies).Bindings[0].Role);
        Assert.Equal(39, estate.Diagnostics.Count(d => d.Code == GcpDiagnosticCodes.Duplicate));
        Assert.Equal(files.Select(f => Path.Combine(scratch.Path, f.Path)), estate.Inputs.Select(i => i.Path), StringComparer.Ordinal);
        Assert.Equal(files.Select(f => f.Path.EndsWith(".txt", StringComparison.Ordinal) ? GcpInputKind.NotRecognised : GcpInputKind.Read), estate.Inputs.Select(i => i.Kind));
    }

    [Fact]
    public void A_member_named_by_many_bindings_and_files_is_read_once_and_reported_at_each_place()
    {
        // Given dana as viewer on the project and as editor on the folder (two asset exports),
        // and a member of no known form in both
        using var scratch = new ScratchFolder(
            ("a/iam-policy.json", ProjectPolicyLine.Replace("\"members\":[\"user:dana@northwind.example\"]", "\"members\":[\"user:dana@northwind.example\",\"robot:r2\"]", StringComparison.Ordinal) + "\n"),
            ("b/iam-policy.json", FolderPolicyLine.Replace("\"members\":[\"group:engineering@northwind.example\"]", "\"members\":[\"user:dana@northwind.example\",\"robot:r2\"]", StringComparison.Ordinal) + "\n"));

        // When both are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then both bindings hold the same member objects, and the unknown one is reported in each file
        var members = estate.Policies.Select(p => Assert.Single(p.Bindings).Members).ToList();
        Assert.Equal(2, members.Count);
        Assert.Same(members[0][0], members[1][0]);
        Assert.Same(members[0][1], members[1][1]);
        Assert.Equal("user:dana@northwind.example", members[0][0].Text);
        Assert.Equal(2, estate.Diagnostics.Count(d => d.Code == GcpDiagnosticCodes.UnknownMember));
    }
}
