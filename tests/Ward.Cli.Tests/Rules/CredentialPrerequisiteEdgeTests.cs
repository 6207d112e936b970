using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Techniques that give a user a credential, against the user's credentials as the IAM credential report shows them:
/// IAM refuses a third access key (an inactive key takes a slot too), a login profile for a user that has one, and an
/// update of a login profile that does not exist. Deleting a key first (iam-003) frees a slot.
/// </summary>
public sealed class CredentialPrerequisiteEdgeTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-credential-prerequisites-").FullName;
        static string On(string actions, string user) => $$"""{"Effect":"Allow","Action":{{actions}},"Resource":"arn:aws:iam::111122223333:user/{{user}}"}""";
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [
              {{GaadJson.User(Account, "two-keys-admin", """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
              {{GaadJson.User(Account, "keyless-admin", """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
              {{GaadJson.User(Account, "console-admin", """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
              {{GaadJson.User(Account, "key-maker", On("\"iam:CreateAccessKey\"", "two-keys-admin"))}},
              {{GaadJson.User(Account, "wide-key-maker", """{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":["*","arn:aws:iam::111122223333:user/two-keys-*"]}""")}},
              {{GaadJson.User(Account, "fresh-key-maker", On("\"iam:CreateAccessKey\"", "keyless-admin"))}},
              {{GaadJson.User(Account, "key-replacer", On("[\"iam:CreateAccessKey\",\"iam:DeleteAccessKey\"]", "two-keys-admin"))}},
              {{GaadJson.User(Account, "console-maker", On("\"iam:CreateLoginProfile\"", "console-admin"))}},
              {{GaadJson.User(Account, "password-setter", On("\"iam:UpdateLoginProfile\"", "keyless-admin"))}},
              {{GaadJson.User(Account, "password-resetter", On("\"iam:UpdateLoginProfile\"", "console-admin"))}}
            ], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
            """);
        File.WriteAllText(Path.Combine(folder, "credential-report.csv"), string.Join('\n',
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
            "<root_account>,arn:aws:iam::111122223333:root,2020-11-05T09:48:31+00:00,not_supported,2025-09-18T12:30:05+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            "two-keys-admin,arn:aws:iam::111122223333:user/two-keys-admin,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-06-01T08:00:00+00:00,2026-03-10T11:00:00+00:00,eu-west-1,s3,false,2024-02-01T08:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
            "keyless-admin,arn:aws:iam::111122223333:user/keyless-admin,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            "console-admin,arn:aws:iam::111122223333:user/console-admin,2024-01-01T00:00:00+00:00,true,2026-03-12T09:00:00+00:00,2024-01-01T00:05:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A") + "\n");
        return Scanner.Scan(AwsEstateLoader.Load([folder], TestContext.Current.CancellationToken), AsOf);
    });

    [Fact]
    public void A_user_whose_two_key_slots_are_taken_gets_no_third_key()
    {
        Assert.Empty(EdgesFrom("key-maker"));
        Assert.Equal("iam-002", Assert.Single(EdgesFrom("fresh-key-maker")).Technique);

        // Also when a statement names the user specifically (it is then decided on its own, not through another user)
        Assert.DoesNotContain(EdgesFrom("wide-key-maker"), e => e.To.Value.EndsWith(":user/two-keys-admin", StringComparison.Ordinal));
        Assert.Contains(EdgesFrom("wide-key-maker"), e => e.Technique == "iam-002");
    }

    [Fact]
    public void Deleting_a_key_first_frees_a_slot()
    {
        var path = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/key-replacer", StringComparison.Ordinal)).Path;
        var step = Assert.Single(path);
        Assert.Equal("iam-003", step.Technique);
        Assert.Equal(["iam:CreateAccessKey", "iam:DeleteAccessKey"], step.Permissions.Select(p => p.Action), StringComparer.Ordinal);
    }

    [Fact]
    public void A_login_profile_is_created_only_for_a_user_without_a_password_and_updated_only_for_one_with_it()
    {
        Assert.Empty(EdgesFrom("console-maker"));
        Assert.Empty(EdgesFrom("password-setter"));
        Assert.Equal("iam-006", Assert.Single(EdgesFrom("password-resetter")).Technique);
    }

    private static List<Ward.Core.Graph.Edge> EdgesFrom(string user) =>
        [.. Scan.Value.Graph.Graph.Edges.Where(e => e.From.Value == $"arn:aws:iam::{Account}:user/{user}")];
}
