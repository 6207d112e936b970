using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class PrivilegedUserNotCoveredByMfaPolicyRuleTests
{
    private const string Rule = "entra-privileged-user-not-covered-by-mfa-policy";

    [Fact]
    public void An_administrator_excluded_through_a_group_is_not_covered_and_one_outside_the_group_is()
    {
        // Given two Global Administrators and an enabled MFA policy for the role that excludes the group one of them is in
        var tenant = new TestTenant();
        tenant.User("excluded-admin");
        tenant.User("covered-admin");
        tenant.AssignRole("excluded-admin", "Global Administrator").AssignRole("covered-admin", "Global Administrator");
        tenant.Group("mfa-exempt", roleAssignable: false, "excluded-admin");
        tenant.ConditionalAccessPolicy("Require MFA for admins", includeRoles: ["Global Administrator"], excludeGroups: ["mfa-exempt"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the excluded administrator is reported, high, with the policy and the group that excludes them
        Assert.Equal(TestTenant.Id("excluded-admin"), finding.Principal);
        Assert.Equal((Severity.High, "entra"), (finding.Severity, finding.Provider));
        Assert.Equal("Privileged user `excluded-admin@fabrikam.example` is not covered by an enforced MFA policy", finding.Title);
        Assert.Contains("The one enabled conditional access policy requiring MFA does not apply to them.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("policy `Require MFA for admins` requires MFA (it includes role `Global Administrator`) but excludes them through group `mfa-exempt`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligibility_that_has_not_started_is_not_held_and_one_that_has_is()
    {
        // Given a tenant without MFA policies, a user eligible for Global Administrator from 30 days after the
        // reference time, and one eligible since 30 days before it
        var tenant = new TestTenant();
        tenant.User("future");
        tenant.User("current");
        tenant.EligibleRole("future", "Global Administrator", startDaysAgo: -30);
        tenant.EligibleRole("current", "Global Administrator", startDaysAgo: 30);
        tenant.ConditionalAccessPolicy("Unrelated", includeUsers: ["None"]);

        // Then only the eligibility in force makes a privileged user
        Assert.Equal(TestTenant.Id("current"), Assert.Single(tenant.Scan().Of(Rule)).Principal);
    }

    [Fact]
    public void A_policy_for_user_actions_only_or_for_no_application_requires_no_MFA_at_sign_in_and_one_for_all_applications_does()
    {
        // Given three Global Administrators, each included by name in an enabled MFA policy: one for registering
        // security information only, one for the application `None`, one for all applications
        var tenant = new TestTenant();
        foreach (var key in new[] { "registering", "nothing", "signing-in" })
        {
            tenant.User(key);
            tenant.AssignRole(key, "Global Administrator");
        }

        tenant.ConditionalAccessPolicy("MFA to register security info", includeUsers: ["registering"], includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"]);
        tenant.ConditionalAccessPolicy("MFA for no application", includeUsers: ["nothing"], includeApplications: ["None"]);
        tenant.ConditionalAccessPolicy("MFA everywhere", includeUsers: ["signing-in"]);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the first two are not covered at all (high), each policy named among those that miss them; the third is covered
        Assert.Equal(new[] { TestTenant.Id("nothing"), TestTenant.Id("registering") }.Order(StringComparer.Ordinal), findings.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var registering = findings[TestTenant.Id("registering")];
        Assert.Equal(Severity.High, registering.Severity);
        Assert.Contains("is not covered by an enforced MFA policy", registering.Title, StringComparison.Ordinal);
        Assert.Contains("policy `MFA to register security info` requires MFA (it includes them by name) for the user actions `urn:user:registersecurityinfo` only, never at sign-in", registering.Explanation, StringComparison.Ordinal);
        var nothing = findings[TestTenant.Id("nothing")];
        Assert.Equal(Severity.High, nothing.Severity);
        Assert.Contains("policy `MFA for no application` requires MFA (it includes them by name) for no application (`None`), never at sign-in", nothing.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_four_client_app_types_together_are_every_client_and_three_of_them_are_not()
    {
        // Given two Global Administrators: one in a policy listing all four client app types, one in a policy leaving
        // out legacy clients (`other`)
        var tenant = new TestTenant();
        tenant.User("every-client");
        tenant.User("three-clients");
        tenant.AssignRole("every-client", "Global Administrator").AssignRole("three-clients", "Global Administrator");
        tenant.ConditionalAccessPolicy("All four", includeUsers: ["every-client"], clientAppTypes: ["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"]);
        tenant.ConditionalAccessPolicy("Three", includeUsers: ["three-clients"], clientAppTypes: ["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync"]);

        // Then only the second is partly covered
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("three-clients"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Two_policies_splitting_the_client_app_types_cover_together_and_a_twin_leaving_out_other_clients_does_not()
    {
        // Given two Global Administrators, each under two enabled MFA policies: one for browsers and desktop clients,
        // one for Exchange ActiveSync and other (legacy) clients for the first, Exchange ActiveSync alone for the second
        var tenant = new TestTenant();
        tenant.User("split");
        tenant.User("leaky");
        tenant.AssignRole("split", "Global Administrator").AssignRole("leaky", "Global Administrator");
        tenant.ConditionalAccessPolicy("MFA for modern clients", includeUsers: ["split", "leaky"], clientAppTypes: ["browser", "mobileAppsAndDesktopClients"]);
        tenant.ConditionalAccessPolicy("MFA for legacy clients", includeUsers: ["split"], clientAppTypes: ["exchangeActiveSync", "other"]);
        tenant.ConditionalAccessPolicy("MFA for Exchange ActiveSync", includeUsers: ["leaky"], clientAppTypes: ["exchangeActiveSync"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the second is reported, medium, naming the clients no policy reaches
        Assert.Equal(TestTenant.Id("leaky"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("No enabled policy requires MFA of them for sign-ins from `other` clients.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void All_applications_but_Office_365_and_Office_365_cover_together()
    {
        // Given a Privileged Role Administrator under an MFA policy for all applications except Office 365, and one for Office 365
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.AssignRole("admin", "Privileged Role Administrator");
        tenant.ConditionalAccessPolicy("MFA outside Office 365", includeRoles: ["Privileged Role Administrator"], excludeApplications: ["Office365"]);
        tenant.ConditionalAccessPolicy("MFA for Office 365", includeUsers: ["All"], includeApplications: ["Office365"]);

        // Then every sign-in requires MFA: nothing is reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void All_platforms_but_iOS_and_iOS_cover_together_and_without_the_iOS_policy_iOS_is_named()
    {
        // Given two Security Administrators under an MFA policy for every platform but iOS; only the first also under one for iOS
        var tenant = new TestTenant();
        tenant.User("both");
        tenant.User("no-ios");
        tenant.AssignRole("both", "Security Administrator").AssignRole("no-ios", "Security Administrator");
        tenant.ConditionalAccessPolicy("MFA except on iOS", includeRoles: ["Security Administrator"], excludePlatforms: ["iOS"]);
        tenant.ConditionalAccessPolicy("MFA on iOS", includeUsers: ["both"], includePlatforms: ["iOS"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the one without the iOS policy is reported, with iOS as the sign-ins left
        Assert.Equal(TestTenant.Id("no-ios"), finding.Principal);
        Assert.Contains("policy `MFA except on iOS` (it includes role `Security Administrator`) has gaps: it does not apply on platforms `iOS`.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("No enabled policy requires MFA of them for sign-ins on `iOS`.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_policies_splitting_platforms_and_clients_cover_together_and_a_twin_missing_other_clients_on_iOS_names_that_cell()
    {
        // Given two Global Administrators under an MFA policy for every platform but iOS, and on iOS one for browsers and
        // desktop clients and one for Exchange ActiveSync and other clients; the second's last policy is for Exchange ActiveSync only
        var tenant = new TestTenant();
        tenant.User("three-way");
        tenant.User("gap-on-ios");
        tenant.AssignRole("three-way", "Global Administrator").AssignRole("gap-on-ios", "Global Administrator");
        tenant.ConditionalAccessPolicy("MFA except on iOS", includeRoles: ["Global Administrator"], excludePlatforms: ["iOS"]);
        tenant.ConditionalAccessPolicy("MFA for modern clients on iOS", includeRoles: ["Global Administrator"], includePlatforms: ["iOS"], clientAppTypes: ["browser", "mobileAppsAndDesktopClients"]);
        tenant.ConditionalAccessPolicy("MFA for legacy clients on iOS", includeUsers: ["three-way"], includePlatforms: ["iOS"], clientAppTypes: ["exchangeActiveSync", "other"]);
        tenant.ConditionalAccessPolicy("MFA for Exchange ActiveSync on iOS", includeUsers: ["gap-on-ios"], includePlatforms: ["iOS"], clientAppTypes: ["exchangeActiveSync"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the second is reported, naming other clients on iOS as the one cell left
        Assert.Equal(TestTenant.Id("gap-on-ios"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("No enabled policy requires MFA of them for sign-ins from `other` clients on `iOS`.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_excludes_the_user_does_not_complete_another_one()
    {
        // Given a User Administrator under an MFA policy for browsers and desktop clients, and one for the other clients
        // that excludes a group they are in
        var tenant = new TestTenant();
        tenant.User("exempt");
        tenant.AssignRole("exempt", "User Administrator");
        tenant.Group("legacy-exempt", roleAssignable: false, "exempt");
        tenant.ConditionalAccessPolicy("MFA for modern clients", includeRoles: ["User Administrator"], clientAppTypes: ["browser", "mobileAppsAndDesktopClients"]);
        tenant.ConditionalAccessPolicy("MFA for legacy clients", includeUsers: ["All"], excludeGroups: ["legacy-exempt"], clientAppTypes: ["exchangeActiveSync", "other"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then they are reported, with the legacy clients left and the exclusion that leaves them
        Assert.Equal(TestTenant.Id("exempt"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("No enabled policy requires MFA of them for sign-ins from `exchangeActiveSync` or `other` clients.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("policy `MFA for legacy clients` requires MFA (it includes all users) but excludes them through group `legacy-exempt`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_filter_is_not_decided_so_its_policy_completes_no_other()
    {
        // Given a Global Administrator under an MFA policy for every platform but iOS, and one for iOS that applies only
        // to devices a filter matches (the export cannot tell which devices)
        var tenant = new TestTenant();
        tenant.User("filtered");
        tenant.AssignRole("filtered", "Global Administrator");
        tenant.ConditionalAccessPolicy("MFA except on iOS", includeUsers: ["filtered"], excludePlatforms: ["iOS"]);
        tenant.ConditionalAccessPolicy("MFA on managed iOS", includeUsers: ["filtered"], includePlatforms: ["iOS"], deviceFilter: "device.isCompliant -eq True");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then iOS counts as uncovered
        Assert.Equal(TestTenant.Id("filtered"), finding.Principal);
        Assert.Contains("No enabled policy requires MFA of them for sign-ins on `iOS`.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("it applies only to devices matching the filter `device.isCompliant -eq True`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Everywhere_but_a_named_location_and_that_location_cover_together_and_too_many_locations_are_left_undecided()
    {
        // Given a Global Administrator under an MFA policy for every location but the head office and one for the head
        // office, another under the same split over sixteen named locations, and a third over seventeen, more than are combined
        var tenant = new TestTenant();
        tenant.User("office");
        tenant.User("branches");
        tenant.User("too-many");
        tenant.AssignRole("office", "Global Administrator").AssignRole("branches", "Global Administrator").AssignRole("too-many", "Global Administrator");
        const string headOffice = "3d46dbda-8382-466a-856d-eb00cbc6b910";
        string[] branches = [.. Enumerable.Range(1, 16).Select(i => $"5a2b7c1e-0000-4000-8000-{i:D12}")];
        string[] sites = [.. Enumerable.Range(1, 17).Select(i => $"6b3c8d2f-0000-4000-8000-{i:D12}")];
        tenant.ConditionalAccessPolicy("MFA outside the head office", includeUsers: ["office"], excludeLocations: [headOffice]);
        tenant.ConditionalAccessPolicy("MFA at the head office", includeUsers: ["office"], includeLocations: [headOffice]);
        tenant.ConditionalAccessPolicy("MFA outside the branches", includeUsers: ["branches"], excludeLocations: branches);
        tenant.ConditionalAccessPolicy("MFA at the branches", includeUsers: ["branches"], includeLocations: branches);
        tenant.ConditionalAccessPolicy("MFA outside the sites", includeUsers: ["too-many"], excludeLocations: sites);
        tenant.ConditionalAccessPolicy("MFA at the sites", includeUsers: ["too-many"], includeLocations: sites);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the first two are covered; the third stays partial, and the explanation says the combination was not decided
        Assert.Equal(TestTenant.Id("too-many"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("Whether they cover every sign-in together was not decided: their conditions make more than 100,000 combinations to check.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_only_policy_does_not_cover_and_its_enabled_twin_does()
    {
        // Given two User Administrators, each included by name in an MFA policy: one report-only, one enabled
        var tenant = new TestTenant();
        tenant.User("piloted");
        tenant.User("enforced");
        tenant.AssignRole("piloted", "User Administrator").AssignRole("enforced", "User Administrator");
        tenant.ConditionalAccessPolicy("Pilot MFA", state: "enabledForReportingButNotEnforced", includeUsers: ["piloted"]);
        tenant.ConditionalAccessPolicy("MFA", includeUsers: ["enforced"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the user of the report-only policy is reported, and the explanation says it is report-only
        Assert.Equal(TestTenant.Id("piloted"), finding.Principal);
        Assert.Contains("policy `Pilot MFA` would require MFA of them (it includes them by name) but is report-only", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Mfa_or_a_compliant_device_is_partial_and_mfa_and_a_compliant_device_is_full()
    {
        // Given two Security Administrators, one in a group whose policy takes MFA OR a compliant device, the other in
        // a group whose policy requires MFA AND a compliant device
        var tenant = new TestTenant();
        tenant.User("either");
        tenant.User("both");
        tenant.AssignRole("either", "Security Administrator").AssignRole("both", "Security Administrator");
        tenant.Group("either-group", roleAssignable: false, "either");
        tenant.Group("both-group", roleAssignable: false, "both");
        tenant.ConditionalAccessPolicy("MFA or device", includeGroups: ["either-group"], builtInControls: ["mfa", "compliantDevice"]);
        tenant.ConditionalAccessPolicy("MFA and device", includeGroups: ["both-group"], grantOperator: "AND", builtInControls: ["mfa", "compliantDevice"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first is reported, medium, with the alternative that skips MFA
        Assert.Equal(TestTenant.Id("either"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("Privileged user `either@fabrikam.example` is only partly covered by MFA policies", finding.Title);
        Assert.Contains("policy `MFA or device` (it includes group `either-group`) has gaps: its grant takes `compliantDevice` instead of MFA (operator OR)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_targeted_policy_covers_an_eligible_administrator_once_activated_but_not_one_eligible_for_another_role()
    {
        // Given an MFA policy targeting Privileged Role Administrator, a user eligible for that role, and a user
        // eligible for Application Administrator, which the policy does not target
        var tenant = new TestTenant();
        tenant.User("eligible-pra");
        tenant.User("eligible-apps");
        tenant.EligibleRole("eligible-pra", "Privileged Role Administrator").EligibleRole("eligible-apps", "Application Administrator");
        tenant.ConditionalAccessPolicy("MFA for role admins", includeRoles: ["Privileged Role Administrator"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the eligible Privileged Role Administrator is covered (Conditional Access applies once the role is
        // active), and the other is reported
        Assert.Equal(TestTenant.Id("eligible-apps"), finding.Principal);
        Assert.Contains("holds Application Administrator (PIM-eligible).", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_portals_only_legacy_clients_only_and_excluded_locations_are_gaps()
    {
        // Given three Global Administrators, each included by name in an enabled MFA policy narrowed differently
        var tenant = new TestTenant();
        foreach (var key in new[] { "portal", "legacy", "office" })
        {
            tenant.User(key);
            tenant.AssignRole(key, "Global Administrator");
        }

        tenant.ConditionalAccessPolicy("Portals", includeUsers: ["portal"], includeApplications: ["MicrosoftAdminPortals"]);
        tenant.ConditionalAccessPolicy("Browsers", includeUsers: ["legacy"], clientAppTypes: ["browser"]);
        tenant.ConditionalAccessPolicy("Away", includeUsers: ["office"], excludeLocations: ["AllTrusted"]);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then each is medium, and each gap is named
        Assert.All(findings.Values, f => Assert.Equal(Severity.Medium, f.Severity));
        Assert.Contains("it applies to the Microsoft admin portals only", findings[TestTenant.Id("portal")].Explanation, StringComparison.Ordinal);
        Assert.Contains("it applies to client apps `browser` only", findings[TestTenant.Id("legacy")].Explanation, StringComparison.Ordinal);
        Assert.Contains("it does not apply from locations `AllTrusted`", findings[TestTenant.Id("office")].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phishing_resistant_strength_for_all_users_covers_and_excluding_the_user_by_name_does_not()
    {
        // Given an enabled policy requiring phishing-resistant MFA of all users except a break-glass Global Administrator
        var tenant = new TestTenant();
        tenant.User("breakglass");
        tenant.User("daily-admin");
        tenant.AssignRole("breakglass", "Global Administrator").AssignRole("daily-admin", "Global Administrator");
        tenant.ConditionalAccessPolicy("Phishing-resistant MFA for everyone", includeUsers: ["All"], excludeUsers: ["breakglass"], authenticationStrength: TestTenant.PhishingResistantStrength);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the excluded account is reported
        Assert.Equal(TestTenant.Id("breakglass"), finding.Principal);
        Assert.Contains("(it includes all users) but excludes them by name", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_strength_that_accepts_a_single_factor_is_not_mfa_and_one_whose_combinations_are_all_multifactor_is()
    {
        // Given two Global Administrators, each included by name in an enabled policy requiring a custom authentication
        // strength: one allows a password alone or SMS sign-in (so Graph says it satisfies no MFA requirement), the other
        // only multifactor combinations
        var tenant = new TestTenant();
        tenant.User("weak");
        tenant.User("strong");
        tenant.AssignRole("weak", "Global Administrator").AssignRole("strong", "Global Administrator");
        tenant.ConditionalAccessPolicy("Password or SMS", includeUsers: ["weak"],
            authenticationStrength: TestTenant.Strength(TestTenant.Id("strength-weak"), "Password or SMS", "custom", "none", "password", "sms", "password,sms"));
        tenant.ConditionalAccessPolicy("Authenticator or key", includeUsers: ["strong"],
            authenticationStrength: TestTenant.Strength(TestTenant.Id("strength-strong"), "Authenticator or key", "custom", "mfa", "password,microsoftAuthenticatorPush", "fido2", "deviceBasedPush"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the user of the single-factor strength is reported, high, with the reason the strength is not MFA
        Assert.Equal(TestTenant.Id("weak"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("The one enabled conditional access policy requiring MFA does not apply to them.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("policy `Password or SMS` applies to them (it includes them by name) but requires authentication strength `Password or SMS`, which is not MFA: it accepts `password` alone, a single factor", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strength_or_a_compliant_device_is_partial_and_a_strength_and_a_compliant_device_is_full()
    {
        // Given two Application Administrators: one in a policy taking passwordless MFA OR a compliant device, the other in
        // one requiring passwordless MFA AND a compliant device
        var tenant = new TestTenant();
        tenant.User("either");
        tenant.User("both");
        tenant.AssignRole("either", "Application Administrator").AssignRole("both", "Application Administrator");
        tenant.ConditionalAccessPolicy("Passwordless or device", includeUsers: ["either"], builtInControls: ["compliantDevice"], authenticationStrength: TestTenant.PasswordlessStrength);
        tenant.ConditionalAccessPolicy("Passwordless and device", includeUsers: ["both"], grantOperator: "AND", builtInControls: ["compliantDevice"], authenticationStrength: TestTenant.PasswordlessStrength);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first is reported, medium: a compliant device lets them in without MFA
        Assert.Equal(TestTenant.Id("either"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("its grant takes `compliantDevice` instead of MFA (operator OR)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_factor_strength_offered_beside_mfa_is_a_way_around_it()
    {
        // Given a Security Administrator in a policy whose grant takes MFA OR a custom strength allowing a password alone
        var tenant = new TestTenant();
        tenant.User("secadmin");
        tenant.AssignRole("secadmin", "Security Administrator");
        tenant.ConditionalAccessPolicy("MFA or password", includeUsers: ["secadmin"], builtInControls: ["mfa"],
            authenticationStrength: TestTenant.Strength(TestTenant.Id("strength-password"), "Password only", "custom", "none", "password"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is partial: the strength is an alternative that skips MFA
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("its grant takes authentication strength `Password only` instead of MFA (operator OR)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strength_whose_combinations_are_not_exported_is_partial()
    {
        // Given a Global Administrator in a policy requiring an authentication strength known only by id and name
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.AssignRole("root", "Global Administrator");
        var strength = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = TestTenant.Id("strength-opaque"), ["displayName"] = "Admin strength" };
        tenant.ConditionalAccessPolicy("Admin strength for all", includeUsers: ["All"], authenticationStrength: strength);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is medium, saying why MFA is not certain
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("whether its authentication strength `Admin strength` requires MFA is unknown", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_policy_covers_members_of_nested_groups_and_an_excluded_role_excludes_its_eligible_holders()
    {
        // Given an MFA policy including group `admins`, whose member group `cloud-admins` holds a Global Administrator,
        // and excluding Helpdesk Administrator, for which another member of `admins` is eligible through PIM
        var tenant = new TestTenant();
        tenant.User("nested");
        tenant.User("helpdesk");
        tenant.AssignRole("nested", "Global Administrator").EligibleRole("helpdesk", "Helpdesk Administrator");
        tenant.Group("cloud-admins", roleAssignable: false, "nested");
        tenant.Group("admins", roleAssignable: false, "cloud-admins", "helpdesk");
        tenant.ConditionalAccessPolicy("MFA for admins", includeGroups: ["admins"], excludeRoles: ["Helpdesk Administrator"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the nested member is covered (membership is transitive), and the eligible helpdesk administrator is
        // reported: once the role is active, which is when it is used, the exclusion applies
        Assert.Equal(TestTenant.Id("helpdesk"), finding.Principal);
        Assert.Contains("requires MFA (it includes group `admins`) but excludes them through role `Helpdesk Administrator` (PIM-eligible: once activated)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_defaults_cover_the_administrators_they_name_and_Azure_owners_but_only_partly_other_privileged_roles()
    {
        // Given enabled security defaults and no conditional access policy: a Global Administrator, an Intune
        // Administrator (a role security defaults do not name) and a subscription Owner
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.User("intune");
        tenant.User("owner");
        tenant.AssignRole("root", "Global Administrator").AssignRole("intune", "Intune Administrator");
        tenant.AzureSubscriptionIn();
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.SecurityDefaults(enabled: true);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the Intune Administrator is reported, medium: security defaults require MFA of them for Azure management only
        Assert.Equal(TestTenant.Id("intune"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("security defaults (they are enabled) has gaps: they require MFA of users without one of the administrator roles they name only for Azure management", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_security_defaults_without_exported_policies_leave_the_rule_undecided()
    {
        // Given a Global Administrator, disabled security defaults and no conditional access policy export
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.AssignRole("root", "Global Administrator");
        tenant.SecurityDefaults(enabled: false);

        var result = tenant.Scan();

        // Then nothing is reported and the analyses not run say the policies were not exported
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis == Rule);
        Assert.Contains("conditional access policies", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_targeted_policy_does_not_cover_a_user_whose_assignment_of_that_role_ended_before_the_reference_time()
    {
        // Given two User Administrators, each also listed in roleAssignments as a Global Administrator (exported while
        // the assignment was active) with a time-bound PIM schedule instance: ended 3 days before the reference time for
        // one, ending 3 days after it for the other; and an enabled policy requiring MFA of Global Administrators only
        var tenant = new TestTenant();
        tenant.User("lapsed");
        tenant.User("current");
        foreach (var key in new[] { "lapsed", "current" })
        {
            tenant.AssignRole(key, "User Administrator").ActiveRoleInstance(key, "User Administrator");
        }

        tenant.AssignRole("lapsed", "Global Administrator").ActiveRoleInstance("lapsed", "Global Administrator", endInDays: -3);
        tenant.AssignRole("current", "Global Administrator").ActiveRoleInstance("current", "Global Administrator", endInDays: 3);
        tenant.ConditionalAccessPolicy("MFA for Global Administrators", includeRoles: ["Global Administrator"]);

        // Then the user no longer holding Global Administrator is not covered by it, and the other is
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("lapsed"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("holds User Administrator.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_policy_and_no_security_defaults_exported_the_finding_says_security_defaults_are_unknown_and_with_them_exported_disabled_it_does_not()
    {
        // Given two tenants with a Global Administrator and an exported, empty list of conditional access policies: one
        // whose export has no security defaults policy, one whose security defaults are exported disabled
        var unknown = new TestTenant();
        unknown.User("admin");
        unknown.AssignRole("admin", "Global Administrator");
        unknown.NoConditionalAccessPolicies();
        var disabled = new TestTenant();
        disabled.User("admin");
        disabled.AssignRole("admin", "Global Administrator");
        disabled.NoConditionalAccessPolicies();
        disabled.SecurityDefaults(enabled: false);

        // Then both are reported, and only the first says security defaults may cover the user
        var first = Assert.Single(unknown.Scan().Of(Rule));
        Assert.Contains("Whether security defaults are enabled is not known: the export has no security defaults policy", first.Explanation, StringComparison.Ordinal);
        var second = Assert.Single(disabled.Scan().Of(Rule));
        Assert.Contains("Security defaults are disabled.", second.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("not known", second.Explanation, StringComparison.Ordinal);
    }
}
