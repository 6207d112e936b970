using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Queries;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Tests.Azure.Testing;
using static Ward.Microsoft.Tests.Azure.Testing.TestEstate;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

/// <summary>
/// A key vault in access-policy mode decides its data plane from its access policies alone: Azure RBAC data roles and
/// deny assignments do not apply there, while a vault in RBAC mode ignores its (left-over) access policies.
/// </summary>
public sealed class KeyVaultAccessPolicyTests
{
    private const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    private const string Decrypt = "Microsoft.KeyVault/vaults/keys/decrypt/action";
    private const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string App = "a5d1c9e0-7b3f-4e28-9c61-2f0e8d4b7a13";
    private const string Unlisted = "1a2b3c4d-0000-4000-8000-0000000000b2";

    private static readonly string LegacyVault = ResourceGroupScope("rg-app") + "/providers/Microsoft.KeyVault/vaults/kv-legacy";
    private static readonly string RbacVault = ResourceGroupScope("rg-app") + "/providers/Microsoft.KeyVault/vaults/kv-rbac";

    private static readonly KeyVaultAccessPolicy[] Policies =
    [
        new() { ObjectId = User, Secrets = ["Get", "List"] },
        new() { ObjectId = Group, Keys = ["decrypt", "unwrapKey"] },
        new() { ObjectId = OtherUser, ApplicationId = App, Secrets = ["all"] },
    ];

    private static AzureEstate Estate(params KeyVaultAccessPolicy[] extra) => new TestEstate()
        .Role(SecretsUserRole, "Key Vault Secrets User", new PermissionBlock { DataActions = ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"] })
        .Assign(OtherUser, SecretsUserRole, SubscriptionScope)
        .Build() with
    {
        Resources =
        [
            Vault(LegacyVault, rbac: false, [.. Policies, .. extra]),
            Vault(RbacVault, rbac: true, Policies),
        ],
    };

    private static AzureResource Vault(string id, bool rbac, KeyVaultAccessPolicy[] policies) => new()
    {
        Id = AzureScope.Parse(id),
        Type = AzureResourceTypes.KeyVault,
        Name = id[(id.LastIndexOf('/') + 1)..],
        KeyVault = new KeyVaultSettings { EnableRbacAuthorization = rbac, AccessPolicies = [.. policies] },
    };

    private static readonly IGroupMembership Members = GroupMembership.FromDirectMembers([(Group, OtherUser)]);

    [Fact]
    public void An_access_policy_grants_a_secret_read_on_the_vault_and_its_secrets()
    {
        var decision = Decide(Estate(), User, GetSecret, LegacyVault + "/secrets/db-password");

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("uses access policies", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("secrets `Get`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void In_access_policy_mode_an_rbac_data_role_grants_nothing()
    {
        // OtherUser holds Key Vault Secrets User on the subscription, and an access policy only through an application
        var decision = Decide(Estate(), OtherUser, GetSecret, LegacyVault);

        Assert.Equal(DecisionKind.Conditional, decision.Kind);
        Assert.Contains($"application `{App}`", Assert.Single(((Conditional)decision).Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void In_rbac_mode_the_access_policies_are_ignored_and_the_role_decides()
    {
        Assert.Equal(DecisionKind.Allowed, Decide(Estate(), OtherUser, GetSecret, RbacVault).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Decide(Estate(), User, GetSecret, RbacVault).Kind);
    }

    [Fact]
    public void A_policy_for_a_group_grants_its_members_only_the_permissions_it_lists()
    {
        Assert.Equal(DecisionKind.Allowed, Decide(Estate(), OtherUser, Decrypt, LegacyVault).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Decide(Estate(), User, Decrypt, LegacyVault).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Decide(Estate(), OtherUser, "Microsoft.KeyVault/vaults/keys/sign/action", LegacyVault).Kind);
    }

    [Fact]
    public void A_policy_for_a_group_whose_members_are_not_exported_leaves_the_answer_open()
    {
        var groups = new UnlistedGroup(Unlisted);
        var decision = new AzureAuthorizer(Estate(new KeyVaultAccessPolicy { ObjectId = Unlisted, Secrets = ["get"] }), groups)
            .Authorize(new AzureRequest { PrincipalId = User, Action = "Microsoft.KeyVault/vaults/secrets/setSecret/action", Scope = AzureScope.Parse(LegacyVault), ActionKind = AzureActionKind.Data });
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);

        var read = new AzureAuthorizer(Estate(new KeyVaultAccessPolicy { ObjectId = Unlisted, Secrets = ["get"] }), groups)
            .Authorize(new AzureRequest { PrincipalId = OtherUser, Action = GetSecret, Scope = AzureScope.Parse(LegacyVault), ActionKind = AzureActionKind.Data });
        Assert.Equal(DecisionKind.Indeterminate, read.Kind);
    }

    [Fact]
    public void Control_actions_on_an_access_policy_vault_are_still_decided_by_rbac()
    {
        Assert.Equal(DecisionKind.ImplicitDeny, Decide(Estate(), User, "Microsoft.KeyVault/vaults/accessPolicies/write", LegacyVault, AzureActionKind.Control).Kind);
    }

    [Fact]
    public void Who_can_read_a_secret_lists_the_objects_the_policies_name()
    {
        var answers = new AzureAccessQueries(Estate(), Members).WhoCan(GetSecret, AzureScope.Parse(LegacyVault), AzureActionKind.Data);

        Assert.Equal([(User, DecisionKind.Allowed), (OtherUser, DecisionKind.Conditional)], answers.Select(a => (a.PrincipalId, a.Decision.Kind)).OrderBy(a => a.PrincipalId, StringComparer.Ordinal));
    }

    private static Decision Decide(AzureEstate estate, string principal, string action, string scope, AzureActionKind kind = AzureActionKind.Data) =>
        new AzureAuthorizer(estate, Members).Authorize(new AzureRequest { PrincipalId = principal, Action = action, Scope = AzureScope.Parse(scope), ActionKind = kind });

    /// <summary>A directory where one object is a group whose members were not exported.</summary>
    private sealed class UnlistedGroup(string groupId) : IGroupMembership
    {
        public IReadOnlyCollection<string> GroupsOf(string principalId) => [];

        public IReadOnlyCollection<string> MembersOf(string groupId) => [];

        public bool KnowsMembersOf(string group) => false;

        public bool IsGroup(string objectId) => string.Equals(objectId, groupId, StringComparison.OrdinalIgnoreCase);
    }
}
