using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>can</c> and <c>who-can</c> on Google Cloud (docs/gcp/evaluation.md), on the Northwind organization export of
/// the Google Cloud tests (its README-like summary is in GcpFixtures).
/// </summary>
public sealed class GcpQuestionTests
{
    private static readonly string Organization = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "organization");
    private static readonly string Groups = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "groups");
    private static readonly string Evaluation = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "evaluation");

    [Fact]
    public void Can_answers_with_the_binding_that_grants_in_json()
    {
        // Given dana, Owner of the Build project
        // When we ask whether she may delete its buckets, in JSON
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", "--as-of", "2026-12-01T00:00:00Z", "--format", "json");
        var root = Json(output);

        // Then she may, the resource is the project as the hierarchy names it, and the layers show the deciding policy
        Assert.Equal(0, exitCode);
        Assert.Equal("user:dana@northwind.example", root.GetProperty("principal").GetString());
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/310000000001", root.GetProperty("resource").GetString());
        var result = root.GetProperty("result");
        Assert.Equal("Allowed", result.GetProperty("decision").GetString());
        Assert.Contains("`roles/owner` to `user:dana@northwind.example` in the allow policy of `projects/310000000001`", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("so this is an upper bound", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var decisive = Assert.Single(result.GetProperty("layers").EnumerateArray(), l => l.GetProperty("decisive").GetBoolean());
        Assert.Equal("allow policy of projects/310000000001", decisive.GetProperty("layer").GetString());
    }

    [Fact]
    public void What_can_lists_every_binding_that_includes_the_principal_in_json()
    {
        // Given dana, Owner of the Build project, and kim, who holds nothing by name
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Organization, "user:dana@northwind.example", "--as-of", "2026-12-01T00:00:00Z", "--format", "json", "--expand");
        var root = Json(output);

        // Then dana's Owner binding on the project is listed with the role's permissions, applying to the project and below
        Assert.Equal(0, exitCode);
        Assert.Equal("user:dana@northwind.example", root.GetProperty("principal").GetString());
        var owner = Assert.Single(root.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("role").GetString() == "roles/owner" && b.GetProperty("member").GetString() == "user:dana@northwind.example");
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/310000000001", owner.GetProperty("resource").GetString());
        Assert.Contains("storage.buckets.delete", owner.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()), StringComparer.Ordinal);
        Assert.False(owner.TryGetProperty("problem", out _));

        // And a domain binding reaches her as an account of that domain, saying so
        Assert.Contains(root.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("member").GetString() == "domain:northwind.example"
            && b.TryGetProperty("how", out var how) && how.GetString()!.Contains("is an account of domain", StringComparison.Ordinal));
    }

    [Fact]
    public void What_can_lists_a_group_binding_only_as_conditional_on_membership()
    {
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Organization, "user:lee@partner.example", "--format", "json");
        var root = Json(output);

        Assert.Equal(0, exitCode);
        Assert.Contains(root.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("member").GetString() == "group:engineering@northwind.example");
        Assert.All(
            root.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("member").GetString()!.StartsWith("group:", StringComparison.Ordinal)),
            b => Assert.Contains("is a member of group", b.TryGetProperty("requirement", out var requirement) ? requirement.GetString() : null, StringComparison.Ordinal));
        Assert.DoesNotContain(root.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("member").GetString() == "domain:northwind.example");
    }

    [Fact]
    public void Can_renders_an_inherited_binding_for_a_person()
    {
        // When the engineering group asks about the Build project, where its Editor role comes from the folder
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "group:engineering@northwind.example", "compute.instances.setMetadata", "projects/nw-build-prod");

        // Then the answer and the inherited policy are shown
        Assert.Equal(0, exitCode);
        Assert.Contains("Allowed", output, StringComparison.Ordinal);
        Assert.Contains("allow policy of folders/210987654321 (inherited)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01T00:00:00Z", "Allowed")]
    [InlineData("2027-02-01T00:00:00Z", "ImplicitDeny")]
    public void As_of_is_the_request_time_of_conditions(string asOf, string expected)
    {
        // Given lee's Token Creator binding, until 2027-01-01
        var (_, output) = WardRunner.Run("can", "-i", Organization, "user:lee@partner.example", "iam.serviceAccounts.getAccessToken", "projects/nw-build-prod", "--as-of", asOf, "--format", "json");

        // Then the reference time decides
        Assert.Equal(expected, Json(output).GetProperty("result").GetProperty("decision").GetString());
    }

    [Fact]
    public void A_user_is_conditional_on_the_membership_of_the_groups_that_grant()
    {
        // Given erin, named in no binding, and two groups that may delete buckets in the Build project
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "user:erin@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", "--format", "json");
        var result = Json(output).GetProperty("result");

        // Then the answer depends on her membership of them, and she is not taken for a typo: the organization binds
        // `domain:northwind.example`, whose accounts no binding names one by one
        Assert.Equal(0, exitCode);
        Assert.Equal("Conditional", result.GetProperty("decision").GetString());
        Assert.Contains("is a member of group `cloud-admins@northwind.example`", result.GetProperty("requirements")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("is named in no binding", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Can_in_json_writes_only_the_json_to_standard_output_and_a_warning_to_standard_error()
    {
        // Given a principal of a domain the export never mentions (a typo of northwind.example)
        // When we ask about it in JSON
        var (exitCode, output, messages) = WardRunner.RunWithMessagesApart("can", "-i", Organization, "user:dana@northwind.exmaple", "storage.buckets.delete", "projects/nw-build-prod", "--format", "json");

        // Then standard output parses as the answer alone, and the warning, on standard error, says what may still apply
        Assert.Equal(0, exitCode);
        Assert.Equal("user:dana@northwind.exmaple", JsonDocument.Parse(output).RootElement.GetProperty("principal").GetString());
        Assert.Contains("`user:dana@northwind.exmaple` is named in no binding or group membership of the export, nor is it in a domain or principal set a binding names (a typo?)", messages, StringComparison.Ordinal);
        Assert.Contains("only bindings to everyone", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("can", "user:dana@northwind.example", "storage.buckets.delet", "projects/nw-build-prod")]
    [InlineData("who-can", "storage.buckets.delet", "projects/nw-build-prod", null)]
    public void A_permission_no_role_of_the_export_includes_is_warned_about(string command, string first, string second, string? third)
    {
        // Given the organization's export, whose predefined roles are exported, and a misspelled permission
        string[] arguments = third is null ? [command, "-i", Organization, first, second] : [command, "-i", Organization, first, second, third];
        var (_, output) = WardRunner.Run(arguments);

        // Then the answer comes with a warning that no role includes it
        Assert.Contains("warning: no role of the export includes `storage.buckets.delet`: a misspelling?", output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who-can", "storage.buckets.delete", "my-bucket", "`my-bucket` is neither a full resource name")]
    [InlineData("what-can", "user:dana@northwind.exmaple", null, "(a typo?)")]
    public void Who_can_and_what_can_in_json_write_their_messages_to_standard_error(string command, string first, string? second, string message)
    {
        string[] question = second is null ? [first] : [first, second];
        var (_, output, messages) = WardRunner.RunWithMessagesApart([command, "-i", Organization, .. question, "--format", "json"]);

        Assert.DoesNotContain(message, output, StringComparison.Ordinal);
        Assert.Contains(message, messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:newcomer@northwind.example")]
    [InlineData("principal://iam.googleapis.com/locations/global/workforcePools/partners/subject/auditor-7")]
    public void A_principal_a_bound_domain_or_principal_set_may_include_is_not_taken_for_a_typo(string principal)
    {
        // Given an account of the domain the organization binds, and an identity of a workforce pool whose group
        // `auditors` a binding names: neither is ever named one by one
        var (_, output, messages) = WardRunner.RunWithMessagesApart("can", "-i", Organization, principal, "resourcemanager.projects.get", "projects/nw-build-prod");

        Assert.DoesNotContain("is named in no binding", output + messages, StringComparison.Ordinal);
    }

    [Fact]
    public void With_group_memberships_a_member_is_allowed_through_its_group_and_a_non_member_denied()
    {
        // Given the groups export beside the organization's: frank is in platform-leads, which cloud-admins (Owner of
        // the organization) holds; erin is in no group
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "-i", Groups, "user:frank@northwind.example", "storage.buckets.delete", "projects/nw-shared-logs", "--format", "json");
        var (_, erin) = WardRunner.Run("can", "-i", Organization, "-i", Groups, "user:erin@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", "--format", "json");

        // Then frank may, through the nested group, and is not taken for a typo; erin may not, without any condition
        Assert.Equal(0, exitCode);
        var result = Json(output).GetProperty("result");
        Assert.Equal("Allowed", result.GetProperty("decision").GetString());
        Assert.Contains("is a member of group `cloud-admins@northwind.example` (through group `platform-leads@northwind.example`)", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("is named in no binding", output, StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Json(erin).GetProperty("result").GetProperty("decision").GetString());
    }

    [Fact]
    public void A_role_the_export_does_not_describe_is_indeterminate_with_exit_code_2()
    {
        // Given ops, bound to roles/compute.admin, which the roles export does not describe
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "user:ops@northwind.example", "compute.instances.setMetadata", "projects/nw-app-prod");

        // Then Ward does not guess
        Assert.Equal(2, exitCode);
        Assert.Contains("Indeterminate", output, StringComparison.Ordinal);
        Assert.Contains("roles/compute.admin", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_lists_every_member_that_grants()
    {
        // When we ask who may delete buckets in the Build project
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Organization, "storage.buckets.delete", "projects/nw-build-prod", "--format", "json");
        var principals = Json(output).GetProperty("principals").EnumerateArray().ToList();

        // Then the project's owner, the editors and the groups holding Owner or Editor above are listed, allowed
        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["group:cloud-admins@northwind.example", "group:engineering@northwind.example", "serviceAccount:old-pipeline@nw-build-prod.iam.gserviceaccount.com", "user:dana@northwind.example"],
            principals.Select(p => p.GetProperty("principal").GetString()!),
            StringComparer.Ordinal);
        Assert.All(principals, p => Assert.Equal("Allowed", p.GetProperty("result").GetProperty("decision").GetString()));
    }

    [Fact]
    public void Who_can_as_a_table_says_groups_are_listed_for_themselves()
    {
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Evaluation, "storage.buckets.setIamPolicy", "//storage.googleapis.com/reports-2026");

        Assert.Equal(0, exitCode);
        Assert.Contains("2 allowed, 0 conditionally, 1 indeterminate", output, StringComparison.Ordinal);
        Assert.Contains("projectOwner:data-prod", output, StringComparison.Ordinal);
        Assert.Contains("Groups, domains and principal sets are listed for themselves", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", "is not a Google Cloud principal")]
    [InlineData("deleted:user:former.employee@northwind.example?uid=115000000000000000009", "storage.buckets.delete", "projects/nw-build-prod", "is a deleted principal")]
    [InlineData("user:dana@northwind.example", "storage.buckets.delete", "my-bucket", "`my-bucket` is neither a full resource name")]
    [InlineData("user:dana@northwind.example", "storage.buckets.delete", "*", "give the Google Cloud resource")]
    [InlineData("user:dana@northwind.example", "storage.buckets", "projects/nw-build-prod", "nor a Google Cloud permission (`storage.objects.get`)")]
    public void Bad_questions_are_refused_with_exit_code_2_and_say_what_is_expected(string principal, string permission, string resource, string message)
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, principal, permission, resource);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void AWS_only_options_are_refused_for_a_Google_Cloud_question()
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Organization, "user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", "-c", "aws:SecureTransport=true");

        Assert.Equal(2, exitCode);
        Assert.Contains("apply to AWS actions only", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Google_Cloud_question_without_Google_Cloud_exports_says_what_is_needed()
    {
        // Given only the AWS sample
        var (exitCode, output) = WardRunner.Run("can", "-i", Repository.Samples, "user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod");

        Assert.Equal(2, exitCode);
        Assert.Contains("no Google Cloud allow policy was read", output, StringComparison.Ordinal);
    }

    /// <summary>The JSON document of the output (after any warning lines).</summary>
    [Fact]
    public void What_can_lists_in_json_the_permissions_a_deny_policy_refuses_a_binding()
    {
        // Given the Northwind sample, whose organization deny policy refuses noah.berg (who has left) every service
        // account permission and key creation
        var sample = Path.Combine(Repository.Root, "samples", "gcp");
        var (exitCode, output) = WardRunner.Run("what-can", "-i", sample, "user:noah.berg@northwind.example", "--as-of", "2026-12-01T09:00:00Z", "--format", "json");
        var bindings = Json(output).GetProperty("bindings").EnumerateArray().ToList();

        // Then a binding whose role holds service account permissions lists them as denied everywhere it applies
        Assert.Equal(0, exitCode);
        var denials = bindings.SelectMany(b => b.GetProperty("denials").EnumerateArray()).ToList();
        Assert.NotEmpty(denials);
        Assert.All(denials, d => Assert.StartsWith("iam.serviceAccount", d.GetProperty("permission").GetString(), StringComparison.Ordinal));
        Assert.Contains(denials, d => d.GetProperty("permission").GetString() == "iam.serviceAccountKeys.create");
        Assert.All(denials, d => Assert.Contains("offboarding-lockout", d.GetProperty("denyPolicy").GetString(), StringComparison.Ordinal));

        // And a colleague the policy does not name has none
        var (_, other) = WardRunner.Run("what-can", "-i", sample, "user:ben.ito@northwind.example", "--as-of", "2026-12-01T09:00:00Z", "--format", "json");
        Assert.All(Json(other).GetProperty("bindings").EnumerateArray(), b => Assert.Empty(b.GetProperty("denials").EnumerateArray()));
    }

    [Fact]
    public void What_can_lists_in_json_the_permissions_a_principal_access_boundary_blocks()
    {
        // Given the Northwind sample's sandbox-bot, Token Creator on shop-deployer of nw-shop-prod but bound by a boundary to its own project
        var sample = Path.Combine(Repository.Root, "samples", "gcp");
        var (exitCode, output) = WardRunner.Run("what-can", "-i", sample, "serviceAccount:sandbox-bot@nw-sandbox.iam.gserviceaccount.com", "--as-of", "2026-12-01T09:00:00Z", "--format", "json");

        // Then token creation on shop-deployer (named by its unique id) is listed as blocked for certain
        Assert.Equal(0, exitCode);
        var blocks = Json(output).GetProperty("bindings").EnumerateArray()
            .Where(b => b.GetProperty("resource").GetString()!.StartsWith("//iam.googleapis.com/projects/nw-shop-prod/serviceAccounts/", StringComparison.Ordinal))
            .SelectMany(b => b.GetProperty("blocks").EnumerateArray()).ToList();
        Assert.Contains(blocks, b => b.GetProperty("permission").GetString() == "iam.serviceAccounts.getAccessToken" && !b.TryGetProperty("requirement", out _));
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
}
