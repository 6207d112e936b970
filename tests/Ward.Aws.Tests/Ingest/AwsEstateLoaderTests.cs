using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Ingest;

public sealed class AwsEstateLoaderTests
{
    private const string Prod = "444455556666";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly (string Principal, string Action, string Resource)[] ProdQuestions =
    [
        ("arn:aws:iam::444455556666:user/bob.martin", "iam:PassRole", "arn:aws:iam::444455556666:role/nw-ops-automation"),
        ("arn:aws:iam::444455556666:user/bob.martin", "lambda:CreateFunction", "arn:aws:lambda:eu-west-1:444455556666:function:x"),
        ("arn:aws:iam::444455556666:user/bob.martin", "iam:CreateUser", "arn:aws:iam::444455556666:user/new"),
        ("arn:aws:iam::444455556666:user/dave.patel", "iam:CreatePolicyVersion", "arn:aws:iam::444455556666:policy/NorthwindEtlOperator"),
        ("arn:aws:iam::444455556666:user/dave.patel", "s3:GetObject", "arn:aws:s3:::nw-data-lake/raw/x.csv"),
        ("arn:aws:iam::444455556666:user/dave.patel", "glue:GetTable", "arn:aws:glue:eu-west-1:444455556666:table/db/t"),
        ("arn:aws:iam::444455556666:role/nw-ops-automation", "iam:AttachUserPolicy", "arn:aws:iam::444455556666:user/bob.martin"),
        ("arn:aws:iam::444455556666:role/nw-web-ec2", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-AbCdEf"),
        ("arn:aws:iam::444455556666:role/nw-web-ec2", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp relay-AbCdEf"),
        ("arn:aws:iam::444455556666:role/nw-github-deploy", "iam:PassRole", "arn:aws:iam::444455556666:role/nw-orders-task"),
        ("arn:aws:iam::444455556666:role/nw-github-deploy", "ecs:UpdateService", "arn:aws:ecs:eu-west-1:444455556666:service/orders/api"),
    ];

    [Fact]
    public void The_raw_API_form_loads_without_diagnostics()
    {
        // Given the URL-encoded raw API export
        // When it is loaded
        var estate = Load([Fixtures.PathOf("gaad-raw-api-urlencoded.json")]);

        // Then nothing is reported and one account is there
        Assert.Empty(estate.Diagnostics);
        var account = Assert.Single(estate.Accounts);
        Assert.Equal(Prod, account.Id);
        Assert.Equal(InputKind.AuthorizationDetails, Assert.Single(estate.Inputs).Kind);
    }

    [Fact]
    public void The_CLI_form_and_the_URL_encoded_raw_API_form_give_the_same_estate()
    {
        // Given the CLI export of the account and the raw API export of some of its principals
        var cli = Load([Fixtures.Northwind(Prod, "gaad.json")]);
        var raw = Load([Fixtures.PathOf("gaad-raw-api-urlencoded.json")]);

        // When each principal of the raw export is compared with its CLI twin
        // Then it has the same policies, boundary and trust policy
        Assert.Empty(cli.Diagnostics);
        foreach (var principal in raw.Principals())
        {
            Assert.Equal(PoliciesOf(cli, principal), PoliciesOf(raw, principal));
        }

        Assert.Equal(5, raw.Principals().Count());
    }

    [Fact]
    public void The_CLI_form_and_the_raw_API_form_give_the_same_decisions()
    {
        // Given both forms loaded
        var cli = new AwsAccessQueries(Load([Fixtures.Northwind(Prod, "gaad.json")]), AsOf);
        var raw = new AwsAccessQueries(Load([Fixtures.PathOf("gaad-raw-api-urlencoded.json")]), AsOf);

        // When the same questions are asked of both
        // Then the answers agree, and the escalations the sample is seeded with survive the encoding
        foreach (var (principal, action, resource) in ProdQuestions)
        {
            var caller = AwsPrincipal.Parse(principal);
            Assert.True(
                Can(cli, caller, action, resource).Kind == Can(raw, caller, action, resource).Kind,
                $"{principal} {action} {resource}: CLI {Can(cli, caller, action, resource).Kind}, raw {Can(raw, caller, action, resource).Kind}");
        }

        var passedToLambda = new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["iam:PassedToService"] = ContextValue.Of("lambda.amazonaws.com") };
        Assert.Equal(DecisionKind.Allowed, Can(raw, AwsPrincipal.Parse(ProdQuestions[0].Principal), "iam:PassRole", ProdQuestions[0].Resource, passedToLambda).Kind);
        Assert.Equal(DecisionKind.Allowed, Can(raw, AwsPrincipal.Parse(ProdQuestions[3].Principal), ProdQuestions[3].Action, ProdQuestions[3].Resource).Kind);
        Assert.Equal(DecisionKind.Allowed, Can(raw, AwsPrincipal.Parse(ProdQuestions[7].Principal), ProdQuestions[7].Action, ProdQuestions[7].Resource).Kind);
        Assert.NotEqual(DecisionKind.Allowed, Can(raw, AwsPrincipal.Parse(ProdQuestions[8].Principal), ProdQuestions[8].Action, ProdQuestions[8].Resource).Kind);
    }

    [Theory]
    [InlineData("gaad-split-part1.json", "gaad-split-part2.json")]
    [InlineData("gaad-split-part2.json", "gaad-split-part1.json")]
    public void Split_pages_merge_into_the_whole_export(string first, string second)
    {
        // Given the two pages of the account's export, in either order, and the whole export
        var paged = Load([Fixtures.PathOf(first), Fixtures.PathOf(second)]);
        var whole = Load([Fixtures.Northwind(Prod, "gaad.json")]);

        // When they are loaded
        // Then nothing is reported, cross-page references resolve, and the estates are the same
        Assert.Empty(paged.Diagnostics);
        var account = Assert.Single(paged.Accounts);
        var wholeAccount = Assert.Single(whole.Accounts);
        Assert.Equal(2, account.Sources.Length);
        Assert.Equal(
            (wholeAccount.Users.Length, wholeAccount.Groups.Length, wholeAccount.Roles.Length, wholeAccount.Policies.Length),
            (account.Users.Length, account.Groups.Length, account.Roles.Length, account.Policies.Length));
        Assert.Equal<string>(whole.Principals().Select(p => p.Value).Order(StringComparer.Ordinal), paged.Principals().Select(p => p.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var principal in whole.Principals())
        {
            Assert.Equal(PoliciesOf(whole, principal), PoliciesOf(paged, principal));
        }
    }

    [Theory]
    [InlineData("utf-8 with a byte order mark")]
    [InlineData("utf-16 little endian")]
    [InlineData("utf-16 big endian")]
    public void An_export_with_a_byte_order_mark_is_read_like_plain_UTF8(string encoding)
    {
        // Given the same export written with a byte order mark, as editors and Windows PowerShell's `>` write it
        var text = File.ReadAllText(Fixtures.PathOf("gaad-split-part1.json"));
        byte[] bytes = encoding switch
        {
            "utf-8 with a byte order mark" => [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)],
            "utf-16 little endian" => [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(text)],
            _ => [0xFE, 0xFF, .. System.Text.Encoding.BigEndianUnicode.GetBytes(text)],
        };
        var folder = Directory.CreateTempSubdirectory("ward-bom-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "gaad.json"), bytes);

        // When it is loaded
        var estate = Load([folder]);
        var plain = Load([Fixtures.PathOf("gaad-split-part1.json")]);

        // Then it reads as the plain file does
        Assert.Equal(plain.Diagnostics.Select(d => (d.Code, d.Location.JsonPath)), estate.Diagnostics.Select(d => (d.Code, d.Location.JsonPath)));
        Assert.Equal(plain.Principals().Select(p => p.Value), estate.Principals().Select(p => p.Value), StringComparer.Ordinal);
    }

    [Fact]
    public void A_folder_link_that_leads_back_up_is_read_once_and_reported()
    {
        // Given a folder holding an export, and in a subfolder a link back to it (a loop)
        var folder = Directory.CreateTempSubdirectory("ward-loop-").FullName;
        File.Copy(Fixtures.PathOf("gaad-split-part1.json"), Path.Combine(folder, "gaad.json"));
        Directory.CreateDirectory(Path.Combine(folder, "inner"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "inner", "loop"), folder);

        // When it is loaded
        var estate = Load([folder]);

        // Then the export is read once, and the loop is named rather than followed
        Assert.Single(estate.Accounts);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.DuplicateEntity);
        Assert.Contains(estate.Diagnostics, d => d.Location.File.EndsWith("loop", StringComparison.Ordinal) && d.Message.Contains("links to a folder already read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_pipe_in_a_folder_is_skipped_with_a_warning_not_opened()
    {
        // Given a folder holding an export and, beside it, a named pipe with an export's name that nothing writes to
        using var folder = new ScratchFolder();
        File.Copy(Fixtures.PathOf("gaad-split-part1.json"), Path.Combine(folder.Path, "gaad.json"));
        var pipe = Path.Combine(folder.Path, "gaad-live.json");
        NamedPipe.Make(pipe);

        // When it is loaded
        var estate = NamedPipe.LoadWithin(pipe, () => Load([folder.Path]));

        // Then the export is read, and the pipe is named in a warning and listed as not read
        Assert.Single(estate.Accounts);
        var warning = Assert.Single(estate.Diagnostics, d => d.Location.File == pipe);
        Assert.Equal((IngestDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Equal($"`{pipe}` is a named pipe (FIFO), not a regular file: not read", warning.Message);
        var input = Assert.Single(estate.Inputs, i => i.Path == pipe);
        Assert.Equal((InputKind.Unreadable, "a named pipe (FIFO), not a regular file; not read"), (input.Kind, input.Note));
    }

    [Fact]
    public void A_named_pipe_given_by_name_is_an_error_not_opened()
    {
        // Given an export and a named pipe, both given by name (a pipe nothing writes to)
        using var folder = new ScratchFolder();
        var pipe = Path.Combine(folder.Path, "credential-report.csv");
        NamedPipe.Make(pipe);

        // When they are loaded
        var estate = NamedPipe.LoadWithin(pipe, () => Load([Fixtures.PathOf("gaad-split-part1.json"), pipe]));

        // Then the export is read, and the pipe is an error that says what it is and how to have it read
        Assert.Single(estate.Accounts);
        var error = Assert.Single(estate.Diagnostics, d => d.Location.File == pipe);
        Assert.Equal((IngestDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error), (error.Code, error.Severity));
        Assert.Equal($"`{pipe}` is a named pipe (FIFO), not a regular file: not read (save the export to a file and give that)", error.Message);
    }

    [Fact]
    public void Two_identical_exports_of_one_account_give_one_warning_that_says_so()
    {
        // Given the same export twice in one folder (a copy kept beside the original)
        var folder = Directory.CreateTempSubdirectory("ward-twice-").FullName;
        File.Copy(Fixtures.PathOf("gaad-split-part1.json"), Path.Combine(folder, "gaad.json"));
        File.Copy(Fixtures.PathOf("gaad-split-part1.json"), Path.Combine(folder, "gaad-old.json"));

        // When it is loaded
        var estate = Load([folder]);
        var once = Load([Fixtures.PathOf("gaad-split-part1.json")]);

        // Then the principals are read once, and one warning names both files and says the copies are identical
        Assert.Equal(once.Principals().Select(p => p.Value), estate.Principals().Select(p => p.Value), StringComparer.Ordinal);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.DuplicateEntity);
        Assert.EndsWith("gaad.json", warning.Location.File, StringComparison.Ordinal);
        Assert.Contains("gaad-old.json` are used (the copies are identical)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_exports_of_one_account_that_differ_name_the_entries_whose_other_copy_is_not_analysed()
    {
        // Given an older export and a newer one where a user moved to another path
        var folder = Directory.CreateTempSubdirectory("ward-twice-").FullName;
        var text = File.ReadAllText(Fixtures.PathOf("gaad-split-part1.json"));
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var user = document["UserDetailList"]![0]!;
        user["Path"] = "/moved/";
        File.WriteAllText(Path.Combine(folder, "a-older.json"), text);
        File.WriteAllText(Path.Combine(folder, "b-newer.json"), document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = false }));

        // When it is loaded
        var estate = Load([folder]);

        // Then the first file's copies are used, and the warning names the user whose newer copy is set aside; the
        // other entries differ only in layout, which does not count
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.DuplicateEntity);
        Assert.EndsWith("b-newer.json", warning.Location.File, StringComparison.Ordinal);
        Assert.Contains($"1 of them differs from the copy here, which is not analysed: `{user["Arn"]}`", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_the_AWS_CLI_cut_short_with_a_next_token_warns_that_the_export_is_truncated()
    {
        // Given the first page as `--max-items` leaves it: a NextToken, no IsTruncated
        var text = File.ReadAllText(Fixtures.PathOf("gaad-split-part1.json"));
        var page = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        page.Remove("IsTruncated");
        page.Remove("Marker");
        page["NextToken"] = "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiA1fQ==";
        var folder = Directory.CreateTempSubdirectory("ward-next-token-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), page.ToJsonString());

        // When it is loaded
        var truncated = Assert.Single(Load([folder]).Diagnostics, d => d.Code == IngestDiagnosticCodes.TruncatedExport);

        // Then the truncation is a warning at `$.NextToken`
        Assert.Equal((DiagnosticSeverity.Warning, "$.NextToken"), (truncated.Severity, truncated.Location.JsonPath));
    }

    [Fact]
    public void A_first_page_alone_warns_that_the_export_is_truncated_and_names_what_is_missing()
    {
        // Given only the first page
        var estate = Load([Fixtures.PathOf("gaad-split-part1.json")]);

        // When it is loaded
        var truncated = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.TruncatedExport);
        var missing = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.MissingManagedPolicy).ToList();

        // Then the truncation is a warning at `$.IsTruncated`, and each dangling attachment is reported at its holder
        Assert.Equal(DiagnosticSeverity.Warning, truncated.Severity);
        Assert.Equal("$.IsTruncated", truncated.Location.JsonPath);
        Assert.Contains(missing, d => d.Message.Contains("NorthwindEtlOperator", StringComparison.Ordinal) && d.Location.JsonPath == "$.UserDetailList[3]");
        Assert.Contains(missing, d => d.Message.Contains("NorthwindHelpdeskBoundary", StringComparison.Ordinal) && d.Location.JsonPath == "$.UserDetailList[7]");
        Assert.All(missing, d => Assert.Equal(Fixtures.PathOf("gaad-split-part1.json"), d.Location.File));
    }

    [Fact]
    public void A_second_page_alone_loads_quietly()
    {
        // Given only the second page (roles and policies; the page is complete)
        var estate = Load([Fixtures.PathOf("gaad-split-part2.json")]);

        // When it is loaded
        // Then there is nothing to report (its 10 customer managed policies belong to the account, AWS managed ones to none)
        Assert.Empty(estate.Diagnostics);
        var account = Assert.Single(estate.Accounts);
        Assert.Equal((0, 8, 10), (account.Users.Length, account.Roles.Length, account.Policies.Length));
    }

    [Fact]
    public void A_key_written_twice_is_reported_with_its_line_rather_than_the_last_value_silently_winning()
    {
        // Given a GAAD whose user list is followed by a second, empty `UserDetailList` (the last would have won: no users)
        var file = Path.Combine(Directory.CreateTempSubdirectory("ward-gaad-").FullName, "gaad.json");
        var sound = File.ReadAllText(Fixtures.PathOf("gaad-raw-api-urlencoded.json")).TrimEnd();
        File.WriteAllText(file, sound[..^1].TrimEnd() + ",\n  \"UserDetailList\": []\n}\n");

        // When it is loaded
        var estate = Load([file]);

        // Then the file is one invalid-JSON error at the repeated key's line and path, and nothing of it is taken as read
        var diagnostic = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.InvalidJson);
        Assert.Equal("$.UserDetailList", diagnostic.Location.JsonPath);
        Assert.Equal(File.ReadAllLines(file).Length - 1, diagnostic.Location.Line);
        Assert.Contains("UserDetailList", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(InputKind.Unreadable, estate.Inputs.Single(i => i.Path == file).Kind);
    }

    [Fact]
    public void Truncated_JSON_is_reported_with_its_line_and_the_other_files_still_load()
    {
        // Given a GAAD cut off in the middle of a string on line 101, and a sound export
        var broken = Fixtures.PathOf("gaad-malformed-truncated.json");
        var estate = Load([broken, Fixtures.PathOf("gaad-raw-api-urlencoded.json")]);

        // When both are loaded
        var diagnostic = Assert.Single(estate.Diagnostics);

        // Then the broken file is one invalid-JSON error with its line, and nothing of it is loaded
        Assert.Equal(IngestDiagnosticCodes.InvalidJson, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(broken, diagnostic.Location.File);
        Assert.Equal(101, diagnostic.Location.Line);
        Assert.True(diagnostic.Location.Column is 35 or 46, $"column {diagnostic.Location.Column}: expected where the string starts (35) or where the data ends (46)");
        Assert.Equal(InputKind.Unreadable, estate.Inputs.Single(i => i.Path == broken).Kind);
        Assert.DoesNotContain(estate.Accounts, a => a.Id == "111122223333");

        // And the other file is loaded in full
        Assert.Equal(Prod, Assert.Single(estate.Accounts).Id);
        Assert.Equal(2, estate.Users.Count);
    }

    [Fact]
    public void Wrong_shapes_are_reported_at_their_path_with_a_line_and_the_rest_loads()
    {
        // Given a GAAD with elements of the wrong type
        var file = Fixtures.PathOf("gaad-wrong-shape.json");

        // When it is loaded
        var estate = Load([file]);
        var wrongShapes = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.WrongShape).ToList();

        // Then each wrong shape is reported at its JSON path, with the line it is on
        Assert.Equal<string?>(
            ["$.GroupDetailList[0].AttachedManagedPolicies", "$.Policies[2]", "$.Policies[3]", "$.RoleDetailList[1].CreateDate", "$.UserDetailList"],
            wrongShapes.Select(d => d.Location.JsonPath).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.All(wrongShapes, d => Assert.Equal(file, d.Location.File));
        Assert.All(estate.Diagnostics, d => Assert.NotNull(d.Location.Line));
        Assert.Equal(2, wrongShapes.Single(d => d.Location.JsonPath == "$.UserDetailList").Location.Line);

        // And the sound parts are loaded and usable
        var queries = new AwsAccessQueries(estate, AsOf);
        var okRole = AwsPrincipal.Parse("arn:aws:iam::123456789012:role/ok-role");
        Assert.Equal(DecisionKind.Allowed, Can(queries, okRole, "s3:ListAllMyBuckets", "*").Kind);
        Assert.True(estate.Roles.ContainsKey("arn:aws:iam::123456789012:role/trust-is-a-list"));
        Assert.Null(estate.Roles["arn:aws:iam::123456789012:role/trust-is-a-list"].TrustPolicy);
    }

    [Fact]
    public void A_missing_managed_policy_is_reported_once_per_holder()
    {
        // Given a GAAD whose user, group and role reference policies it does not contain
        var estate = Load([Fixtures.PathOf("gaad-missing-managed-policy.json")]);

        // When it is loaded
        var missing = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.MissingManagedPolicy).ToList();

        // Then each dangling reference is reported once, at its holder
        Assert.Equal(3, missing.Count);
        Assert.Contains(missing, d => d.Message.Contains("finance/NorthwindBillingAdmin", StringComparison.Ordinal) && d.Location.JsonPath == "$.UserDetailList[0]");
        Assert.Contains(missing, d => d.Message.Contains("ReadOnlyAccess", StringComparison.Ordinal) && d.Location.JsonPath == "$.GroupDetailList[0]");
        Assert.Contains(missing, d => d.Message.Contains("boundaries/NorthwindWorkloadBoundary", StringComparison.Ordinal) && d.Location.JsonPath == "$.RoleDetailList[0]");
    }

    [Fact]
    public void Decisions_that_depend_on_a_missing_managed_policy_are_indeterminate()
    {
        // Given the same GAAD loaded
        var queries = new AwsAccessQueries(Load([Fixtures.PathOf("gaad-missing-managed-policy.json")]), AsOf);
        var pat = AwsPrincipal.Parse("arn:aws:iam::123456789012:user/pat.quinn");
        var lambdaRole = AwsPrincipal.Parse("arn:aws:iam::123456789012:role/nw-reports-lambda");

        // When pat.quinn (missing policies attached) reads and deletes, and the role with a missing boundary writes
        var read = Can(queries, pat, "s3:GetObject", "arn:aws:s3:::nw-reports-123456789012/2026/03.csv");
        var delete = Can(queries, pat, "ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1");
        var write = Can(queries, lambdaRole, "s3:PutObject", "arn:aws:s3:::nw-reports-123456789012/2026/03.csv");

        // Then Ward answers Indeterminate, naming the missing policy, rather than guessing either way
        var readIndeterminate = Assert.IsType<Indeterminate>(read);
        Assert.Contains("NorthwindBillingAdmin", readIndeterminate.Reason + string.Join(" ", read.Explanation.Layers.SelectMany(l => l.Statements).Select(s => s.Policy)), StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Indeterminate, delete.Kind);
        var writeIndeterminate = Assert.IsType<Indeterminate>(write);
        Assert.Contains("NorthwindWorkloadBoundary", writeIndeterminate.Reason, StringComparison.Ordinal);

        // And a decision no policy could change is still certain
        Assert.Equal(DecisionKind.Allowed, Can(queries, pat, "sts:GetCallerIdentity", "*").Kind);
    }

    [Fact]
    public void A_missing_policy_does_not_touch_principals_that_do_not_hold_it()
    {
        // Given the incomplete export loaded together with a complete account
        var queries = new AwsAccessQueries(
            Load([Fixtures.PathOf("gaad-missing-managed-policy.json"), Fixtures.PathOf("gaad-raw-api-urlencoded.json")]),
            AsOf);

        // When a principal of the complete account is asked about
        var decision = Can(queries, AwsPrincipal.Parse("arn:aws:iam::444455556666:role/nw-web-ec2"), "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/smtp+relay-AbCdEf");

        // Then its decision is certain
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void Invalid_policy_grammar_is_reported_at_its_path_and_only_the_affected_decisions_are_indeterminate()
    {
        // Given a GAAD whose documents break the policy grammar
        var file = Fixtures.PathOf("gaad-invalid-policy-grammar.json");
        var estate = Load([file]);

        // When it is loaded
        // Then each grammar error is reported where it is
        Assert.Contains(estate.Diagnostics, d => d.Code == "WARD2007" && d.Location.JsonPath == "$.UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect");
        Assert.Contains(estate.Diagnostics, d => d.Code == "WARD2003" && d.Location.JsonPath == "$.GroupDetailList[0].GroupPolicyList[0].PolicyDocument.Comment");
        Assert.Contains(estate.Diagnostics, d => d.Code == "WARD2012" && d.Location.JsonPath == "$.RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[0].Condition.StringEqualz");
        Assert.Contains(estate.Diagnostics, d => d.Code == "WARD2008" && d.Location.JsonPath == "$.Policies[0].PolicyVersionList[0].Document.Statement[0].NotAction");

        // And decisions a broken statement could change are indeterminate, the others certain
        var queries = new AwsAccessQueries(estate, AsOf);
        var permitUser = AwsPrincipal.Parse("arn:aws:iam::123456789012:user/permit-user");
        var typoRole = AwsPrincipal.Parse("arn:aws:iam::123456789012:role/typo-condition-role");
        // permit-user is in a group whose document IAM would reject whole (unknown element): nothing it could
        // change is decided.
        Assert.Equal(DecisionKind.Indeterminate, Can(queries, permitUser, "sqs:ListQueues", "*").Kind);
        Assert.Equal(DecisionKind.Indeterminate, Can(queries, permitUser, "s3:GetObject", "arn:aws:s3:::b/k").Kind);
        Assert.Equal(DecisionKind.Indeterminate, Can(queries, permitUser, "ec2:TerminateInstances", "*").Kind);
        Assert.Equal(DecisionKind.Indeterminate, Can(queries, permitUser, "dynamodb:DeleteTable", "*").Kind);
        Assert.Equal(DecisionKind.Indeterminate, Can(queries, typoRole, "s3:DeleteObject", "arn:aws:s3:::b/k").Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Can(queries, typoRole, "s3:GetObject", "arn:aws:s3:::b/k").Kind);
    }

    [Fact]
    public void A_document_with_an_unknown_top_level_element_does_not_grant_silently()
    {
        // Given permit-user, whose group's inline policy has an unknown top-level element
        var queries = new AwsAccessQueries(Load([Fixtures.PathOf("gaad-invalid-policy-grammar.json")]), AsOf);

        // When the action that policy grants is asked about
        var decision = Can(queries, AwsPrincipal.Parse("arn:aws:iam::123456789012:user/permit-user"), "cloudtrail:LookupEvents", "*");

        // Then Ward does not present it as a plain, certain grant
        Assert.NotEqual(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void Unknown_fields_are_reported_once_per_file()
    {
        // Given two files whose users carry the same unknown field
        const string page = """
            {"UserDetailList":[
              {"UserName":"a","Arn":"arn:aws:iam::123456789012:user/a","Colour":"red"},
              {"UserName":"b","Arn":"arn:aws:iam::123456789012:user/b","Colour":"blue"}]}
            """;
        using var folder = new ScratchFolder(
            ("page-1.json", page),
            ("page-2.json", page.Replace("user/a", "user/c", StringComparison.Ordinal).Replace("\"a\"", "\"c\"", StringComparison.Ordinal)));

        // When the folder is loaded
        var estate = Load([folder.Path]);

        // Then each file has one warning for the field, on the line of its first occurrence
        var unknown = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.UnknownField).ToList();
        Assert.Equal(2, unknown.Count);
        Assert.Equal(2, unknown.Select(d => d.Location.File).Distinct(StringComparer.Ordinal).Count());
        Assert.All(unknown, d => Assert.Equal(("$.UserDetailList[0].Colour", 2, DiagnosticSeverity.Warning), (d.Location.JsonPath, d.Location.Line, d.Severity)));
        Assert.Equal(3, estate.Users.Count);
    }

    [Fact]
    public void A_role_whose_trust_policy_could_not_be_read_is_not_assumable()
    {
        // Given a user allowed sts:AssumeRole on everything, and a role whose trust policy is a list
        using var folder = new ScratchFolder(("gaad.json", """
            {"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::123456789012:user/u","UserPolicyList":[{"PolicyName":"assume",
               "PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}}]}],
             "RoleDetailList":[{"RoleName":"trust-is-a-list","Arn":"arn:aws:iam::123456789012:role/trust-is-a-list",
               "AssumeRolePolicyDocument":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}]}]}
            """));
        var queries = new AwsAccessQueries(Load([folder.Path]), AsOf);

        // When the user assumes the role
        var decision = Can(queries, AwsPrincipal.Parse("arn:aws:iam::123456789012:user/u"), "sts:AssumeRole", "arn:aws:iam::123456789012:role/trust-is-a-list");

        // Then Ward does not claim the user may
        Assert.NotEqual(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void A_missing_file_is_reported_and_nothing_usable_is_an_error()
    {
        // Given a path that does not exist
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-export.json");

        // When it is loaded
        var estate = Load([path]);

        // Then it is reported, and so is the empty result
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.UnreadableFile && d.Location.File == path);
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.NothingUsable);
        Assert.True(estate.IsEmpty);
    }

    [Fact]
    public void A_folder_is_read_by_content_and_accounts_are_kept_apart()
    {
        // Given the Northwind sample folder: an organization and two accounts
        var estate = Load([Fixtures.Northwind()]);

        // When it is loaded
        // Then both accounts and the organization are there, and the README is listed but not read as an export
        Assert.Equal<string>(["111122223333", Prod], estate.Accounts.Select(a => a.Id), StringComparer.Ordinal);
        Assert.NotNull(estate.Organization);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Organization);
        Assert.Equal(2, estate.Inputs.Count(i => i.Kind == InputKind.AuthorizationDetails));
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Unrecognized && i.Path.EndsWith("README.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Inputs_are_listed_in_path_order_whatever_each_turned_out_to_be()
    {
        // Given the Northwind folder, whose README (not read), organization and account exports interleave by name
        var folder = Fixtures.Northwind();
        var expected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        // When it is loaded (files are read and sniffed in parallel)
        var estate = Load([folder]);

        // Then every file is listed once, in path order, the README among the exports
        Assert.Equal(expected, estate.Inputs.Select(i => i.Path), StringComparer.Ordinal);
        Assert.Contains(estate.Inputs, i => i.Kind == InputKind.Unrecognized && i.Path.EndsWith("README.md", StringComparison.Ordinal));
    }

    private static AwsEstate Load(IEnumerable<string> paths) => AwsEstateLoader.Load(paths, TestContext.Current.CancellationToken);

    [Fact]
    public void A_condition_value_its_operator_cannot_read_is_a_located_warning_and_the_statement_is_decided_as_written()
    {
        // Given a role whose change-freeze Deny compares aws:CurrentTime with `tomorrow`, and whose other Deny lists a
        // CIDR with a /33 prefix beside readable dates, numbers, addresses and booleans
        var estate = Load([Fixtures.PathOf("gaad-unreadable-condition-values.json")]);

        // When it is loaded
        var unreadable = estate.Diagnostics.Where(d => d.Code == "WARD2017").ToList();

        // Then each unreadable value is a warning at its own place, with its line; readable ones are not reported
        Assert.Equal(2, unreadable.Count);
        Assert.All(unreadable, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.All(unreadable, d => Assert.NotNull(d.Location.Line));
        var date = Assert.Single(unreadable, d => d.Location.JsonPath == "$.RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[1].Condition.DateGreaterThan['aws:CurrentTime']");
        Assert.Contains("`tomorrow`", date.Message, StringComparison.Ordinal);
        Assert.Contains("never matches", date.Message, StringComparison.Ordinal);
        var address = Assert.Single(unreadable, d => d.Location.JsonPath == "$.RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[2].Condition.NotIpAddress['aws:SourceIp'][1]");
        Assert.Contains("`10.20.0.0/33`", address.Message, StringComparison.Ordinal);
        Assert.Contains("for a request with `aws:SourceIp` the condition is then false", address.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // And the statements are decided, not indeterminate: the freeze never applies, so the upload is allowed
        var queries = new AwsAccessQueries(estate, AsOf);
        var role = AwsPrincipal.Parse("arn:aws:iam::123456789012:role/release-window-role");
        Assert.Equal(DecisionKind.Allowed, Can(queries, role, "s3:PutObject", "arn:aws:s3:::release-artifacts/build-42.zip").Kind);
    }

    private static Decision Can(AwsAccessQueries queries, AwsPrincipal principal, string action, string resource, Dictionary<string, ContextValue>? context = null) =>
        queries.Can(principal, action, resource, context ?? new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision;

    /// <summary>A principal's identity policies, boundary and (for a role) trust policy, printed.</summary>
    [Fact]
    public void Deeply_nested_JSON_is_reported_and_the_other_files_still_load()
    {
        // Given a file nested 5,000 levels deep beside a valid export
        using var folder = new ScratchFolder(
            ("deep.json", new string('[', 5000) + new string(']', 5000)),
            ("gaad.json", """{"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::123456789012:user/u"}]}"""));

        // When the folder is loaded
        var estate = Load([folder.Path]);

        // Then the deep file is reported as invalid JSON, and the user is still there
        Assert.Contains(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.InvalidJson && d.Location.File.EndsWith("deep.json", StringComparison.Ordinal));
        Assert.Single(estate.Users);
    }

    [Fact]
    public void A_huge_string_value_is_read_without_trouble()
    {
        // Given a user whose path is a 20 MB string (a hostile export) and a valid inline policy
        var hugePath = "/" + new string('x', 20 * 1024 * 1024) + "/";
        using var folder = new ScratchFolder(("gaad.json", """
            {"UserDetailList":[{"UserName":"u","Path":"HUGE","Arn":"arn:aws:iam::123456789012:user/u",
              "UserPolicyList":[{"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}]}
            """.Replace("HUGE", hugePath, StringComparison.Ordinal)));

        // When it is loaded and asked about
        var estate = Load([folder.Path]);
        var queries = new AwsAccessQueries(estate, AsOf);

        // Then the rest of the entity is intact and decisions work
        Assert.Equal(hugePath.Length, Assert.Single(estate.Users.Values).Path.Length);
        Assert.Equal(DecisionKind.Allowed, queries.Can(AwsPrincipal.Parse("arn:aws:iam::123456789012:user/u"), "s3:GetObject", "arn:aws:s3:::b/k", new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision.Kind);
    }

    private static string PoliciesOf(AwsEstate estate, AwsPrincipal principal) => string.Join(
        "\n---\n",
        estate.IdentityPoliciesOf(principal).Select(p => p.Name + "\n" + PolicyPrinter.Print(p.Document)).Order(StringComparer.Ordinal)
            .Append("boundary: " + (estate.BoundaryOf(principal) is { } boundary ? boundary.Name + "\n" + PolicyPrinter.Print(boundary.Document) : "none"))
            .Append("trust: " + (estate.Roles.GetValueOrDefault(principal.Value)?.TrustPolicy is { } trust ? PolicyPrinter.Print(trust) : "none")));
}
