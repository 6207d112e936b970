using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Queries;

/// <summary>
/// The questions of <c>ward can</c> / <c>who-can</c> asked of the Northwind sample (organization and both accounts):
/// the traps its README lists, answered through the loader, the context builder and the authorizer together.
/// </summary>
public sealed class AwsAccessQueriesTests
{
    private const string Prod = "arn:aws:iam::444455556666";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly Lazy<AwsAccessQueries> Northwind = new(() => new AwsAccessQueries(AwsEstateLoader.Load([Fixtures.Northwind()]), AsOf));

    private static readonly Dictionary<string, ContextValue> PassedToLambda = new(StringComparer.Ordinal)
    {
        ["iam:PassedToService"] = ContextValue.Of("lambda.amazonaws.com"),
    };

    [Fact]
    public void Same_group_different_outcome_because_of_a_boundary()
    {
        // Given bob and carol, both Developers, carol with a boundary that does not allow iam:PassRole
        // When each passes nw-ops-automation to Lambda
        var bob = Can($"{Prod}:user/bob.martin", "iam:PassRole", $"{Prod}:role/nw-ops-automation", PassedToLambda);
        var carol = Can($"{Prod}:user/carol.smith", "iam:PassRole", $"{Prod}:role/nw-ops-automation", PassedToLambda);

        // Then bob may and carol may not
        AssertKind(DecisionKind.Allowed, bob);
        AssertKind(DecisionKind.ImplicitDeny, carol);
        Assert.Contains("boundary", carol.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_a_role_depends_on_the_service_it_is_passed_to()
    {
        // Given bob's PassRole grant, conditioned on `iam:PassedToService`
        // When the service is not said, and when it is EC2
        var unknown = Can($"{Prod}:user/bob.martin", "iam:PassRole", $"{Prod}:role/nw-ops-automation");
        var ec2 = Can($"{Prod}:user/bob.martin", "iam:PassRole", $"{Prod}:role/nw-ops-automation", new(StringComparer.Ordinal) { ["iam:PassedToService"] = ContextValue.Of("ec2.amazonaws.com") });

        // Then the first is conditional on that key, the second denied
        var conditional = Assert.IsType<Conditional>(unknown);
        Assert.Contains(conditional.Requirements, r => r.Contains("iam:PassedToService", StringComparison.Ordinal));
        AssertKind(DecisionKind.ImplicitDeny, ec2);
    }

    [Fact]
    public void Paths_are_part_of_role_ARNs()
    {
        // Given bob may pass `role/nw-*`
        // When he passes a role under `/service-role/`
        // Then the pattern does not reach it
        AssertKind(DecisionKind.ImplicitDeny, Can($"{Prod}:user/bob.martin", "iam:PassRole", $"{Prod}:role/service-role/nw-orders-api-lambda", PassedToLambda));
    }

    [Fact]
    public void A_deny_all_inline_policy_beats_the_groups_grants()
    {
        // Given frank, a Developer with an inline `Deny * *`
        // When he lists functions (allowed by his group's PowerUserAccess)
        // Then the deny wins
        AssertKind(DecisionKind.ExplicitDeny, Can($"{Prod}:user/frank.oconnor", "lambda:ListFunctions", "*"));
    }

    [Fact]
    public void An_administrator_who_must_use_MFA_is_conditional_on_it()
    {
        // Given alice, administrator under a `BoolIfExists aws:MultiFactorAuthPresent false` deny
        // When she creates a user without saying whether she used MFA, and with MFA
        var unknown = Can($"{Prod}:user/alice.nguyen", "iam:CreateUser", $"{Prod}:user/new");
        var withMfa = Can($"{Prod}:user/alice.nguyen", "iam:CreateUser", $"{Prod}:user/new", new(StringComparer.Ordinal) { ["aws:MultiFactorAuthPresent"] = ContextValue.Of("true") });

        // Then the first names the key, and the second is allowed
        var conditional = Assert.IsType<Conditional>(unknown);
        Assert.Equal(DecisionKind.ExplicitDeny, conditional.Otherwise);
        Assert.Contains(conditional.Requirements, r => r.Contains("aws:MultiFactorAuthPresent", StringComparison.Ordinal));
        AssertKind(DecisionKind.Allowed, withMfa);
    }

    [Fact]
    public void Boundaries_cap_roles_too()
    {
        // Given two roles with the same KMS grant, one under a boundary that does not allow KMS
        const string key = "arn:aws:kms:eu-west-1:444455556666:key/4f1c9a52-8d3e-4b7a-9c61-2e5d7f0a8b13";
        var viaDynamo = new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["kms:ViaService"] = ContextValue.Of("dynamodb.eu-west-1.amazonaws.com") };

        // When each decrypts with the key, as far as identity policies go (no key policy is exported, so it is supplied)
        var keyPolicy = new SuppliedPolicies(
            PolicyText.Named("key policy", PolicyText.Policy("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"}"""), PolicyKind.Resource),
            null);
        var capped = Northwind.Value.Can(AwsPrincipal.Parse($"{Prod}:role/service-role/nw-orders-api-lambda"), "kms:Decrypt", key, viaDynamo, keyPolicy).Decision;
        var free = Northwind.Value.Can(AwsPrincipal.Parse($"{Prod}:role/nw-orders-task"), "kms:Decrypt", key, viaDynamo, keyPolicy).Decision;

        // Then only the role without a boundary decrypts
        AssertKind(DecisionKind.ImplicitDeny, capped);
        AssertKind(DecisionKind.Allowed, free);
    }

    [Theory]
    [InlineData("erin.kowalski", "arn:aws:s3:::nw-analyst-scratch-444455556666/erin.kowalski/x", "s3:PutObject", false)]
    [InlineData("erin.kowalski", "arn:aws:s3:::nw-analyst-scratch-444455556666/${aws:username}/x", "s3:PutObject", true)]
    [InlineData("service-accounts/svc-ci-legacy", "arn:aws:s3:::nw-ci-home-444455556666/svc-ci-legacy/x", "s3:GetObject", false)]
    [InlineData("service-accounts/svc-ci-legacy", "arn:aws:s3:::nw-ci-home-444455556666/${aws:username}/x", "s3:GetObject", true)]
    public void Policy_variables_are_literal_text_before_2012(string user, string resource, string action, bool allowed)
    {
        // Given erin's policy without Version and svc-ci-legacy's 2008-10-17 policy, both naming `${aws:username}`
        // When each acts under the prefix with their name, and under the literal text
        var decision = Can($"{Prod}:user/{user}", action, resource, new(StringComparer.Ordinal)
        {
            ["aws:RequestedRegion"] = ContextValue.Of("eu-west-1"),
            ["aws:SecureTransport"] = ContextValue.Of("true"),
        });

        // Then only the literal text matches
        Assert.True(allowed == (decision.Kind == DecisionKind.Allowed), $"{decision.Kind}: {decision.Explanation.Summary}");
    }

    [Fact]
    public void The_management_account_is_exempt_from_SCPs_and_member_root_users_are_not()
    {
        // Given the SCP denying root users in the Workloads OU
        // When prod's root user and the management account's administrator act
        var prodRoot = Can("444455556666", "ec2:DescribeInstances", "*", new(StringComparer.Ordinal) { ["aws:RequestedRegion"] = ContextValue.Of("eu-west-1") });
        var management = Can("arn:aws:iam::111122223333:user/maria.garcia", "ec2:DescribeInstances", "*", new(StringComparer.Ordinal) { ["aws:RequestedRegion"] = ContextValue.Of("us-east-1") });

        // Then prod's root is denied by the SCP, while SCPs do not bind the management account
        AssertKind(DecisionKind.ExplicitDeny, prodRoot);
        Assert.Contains("SCP", prodRoot.Explanation.Summary, StringComparison.Ordinal);
        AssertKind(DecisionKind.Allowed, management);
    }

    [Fact]
    public void A_region_guardrail_binds_member_accounts_only_outside_approved_regions()
    {
        // Given the baseline SCP's region restriction
        // When a prod administrator with MFA launches instances in an approved and in another region
        var mfa = ContextValue.Of("true");
        var approved = Can($"{Prod}:user/alice.nguyen", "ec2:RunInstances", "arn:aws:ec2:eu-west-1:444455556666:instance/*", new(StringComparer.Ordinal) { ["aws:MultiFactorAuthPresent"] = mfa });
        var elsewhere = Can($"{Prod}:user/alice.nguyen", "ec2:RunInstances", "arn:aws:ec2:us-east-1:444455556666:instance/*", new(StringComparer.Ordinal) { ["aws:MultiFactorAuthPresent"] = mfa });

        // Then only the approved region is allowed
        AssertKind(DecisionKind.Allowed, approved);
        AssertKind(DecisionKind.ExplicitDeny, elsewhere);
    }

    [Fact]
    public void Trusting_an_account_lets_in_its_principals_whose_own_policies_allow()
    {
        // Given prod's OrganizationAccountAccessRole trusting the management account
        const string role = "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole";

        // When the management account's administrator and a read-only member assume it
        var maria = Can("arn:aws:iam::111122223333:user/maria.garcia", "sts:AssumeRole", role);
        var tomas = Can("arn:aws:iam::111122223333:user/tomas.berg", "sts:AssumeRole", role);

        // Then the administrator may (cross-account: trust and identity both allow), the other may not
        AssertKind(DecisionKind.Allowed, maria);
        AssertKind(DecisionKind.ImplicitDeny, tomas);
    }

    [Fact]
    public void Who_can_assume_a_role_trusting_its_own_account_lists_the_principals_allowed_to()
    {
        // Given nw-migration-admin, trusted by its own account
        // When asked who can assume it
        var answers = Northwind.Value.WhoCan("sts:AssumeRole", $"{Prod}:role/nw-migration-admin", new Dictionary<string, ContextValue>(StringComparer.Ordinal));
        var allowed = answers.Where(a => a.Decision.Kind == DecisionKind.Allowed).Select(a => a.Principal.Name).ToHashSet(StringComparer.Ordinal);

        // Then bob (PowerUserAccess includes sts:AssumeRole) is there, carol (boundary) and frank (deny all) are not
        Assert.Contains("bob.martin", allowed);
        Assert.DoesNotContain("carol.smith", allowed);
        Assert.DoesNotContain("frank.oconnor", allowed);
        Assert.All(answers, a => Assert.NotEqual(DecisionKind.ImplicitDeny, a.Decision.Kind));
    }

    [Theory]
    [InlineData("bob.martin", "arn:aws:iam::444455556666:user/bob.martin")]
    [InlineData("user/henry.ito", "arn:aws:iam::444455556666:user/it/henry.ito")]
    [InlineData("role/nw-web-ec2", "arn:aws:iam::444455556666:role/nw-web-ec2")]
    [InlineData("BOB.MARTIN", "arn:aws:iam::444455556666:user/bob.martin")]
    public void A_principal_is_found_by_unique_name(string text, string arn)
    {
        // Given a name, a `user/` or `role/` name, in any case
        // When it is looked up in the estate
        // Then the one principal of that name is found, path included
        var principal = Northwind.Value.FindPrincipal(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(arn, principal!.Value);
    }

    [Fact]
    public void An_ambiguous_or_unknown_name_is_a_problem_not_a_guess()
    {
        // Given a service-linked role name present in both accounts, and a name present in none
        // When they are looked up
        var ambiguous = Northwind.Value.FindPrincipal("AWSServiceRoleForOrganizations", out var ambiguity);
        var unknown = Northwind.Value.FindPrincipal("nobody", out var absence);

        // Then neither is picked, and the problems say why
        Assert.Null(ambiguous);
        Assert.Contains("ambiguous", ambiguity, StringComparison.Ordinal);
        Assert.Null(unknown);
        Assert.Contains("nobody", absence, StringComparison.Ordinal);
    }

    private static Decision Can(string principal, string action, string resource, Dictionary<string, ContextValue>? context = null) =>
        Northwind.Value.Can(AwsPrincipal.Parse(principal), action, resource, context ?? new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision;

    private static void AssertKind(DecisionKind expected, Decision decision) =>
        Assert.True(expected == decision.Kind, $"expected {expected}, got {decision.Kind}: {decision.Explanation.Summary}");
}
