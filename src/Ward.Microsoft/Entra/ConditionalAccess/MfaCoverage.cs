using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// Decides which enforced requirements of multifactor authentication apply to a user: enabled conditional access
/// policies whose grant requires MFA (built-in control <c>mfa</c>, or an authentication strength whose every allowed
/// combination is multifactor; under <c>OR</c> only when every alternative is MFA), which include the user (all
/// users, by id, through a group, transitively, through a role, as a guest) and do not exclude them (exclusion wins),
/// or the security defaults.
/// <para>
/// Roles count as Conditional Access sees them: built-in roles assigned directory-wide (administrative-unit and object
/// scopes are not supported by Conditional Access), directly or through a role-assignable group, active or
/// PIM-eligible. Conditional Access evaluates the roles active at sign-in (Microsoft Learn, "Users, groups, and
/// workload identities": policies target users actively assigned a role), so an eligible role is included or excluded
/// once activated: that is when it is used, and then the policy applies. Eligible PIM for Groups memberships count
/// the same way. Whether PIM itself asks for MFA at activation is a role setting the export does not hold.
/// </para>
/// <para>
/// A policy that applies only to some applications (admin portals, Office 365, listed apps, or all but some), some
/// client app types, platforms, locations, risk levels, devices or authentication flows, or lets another control
/// replace MFA, is partial, and each such condition is a gap. Report-only and disabled policies do not count.
/// </para>
/// <para>
/// Partial policies are then judged together (<see cref="SignInSpace"/>): those that surely apply and surely ask for
/// MFA where they apply cover the user when every sign-in falls under one of them (one for browsers and desktop
/// clients with one for the other clients; all applications but Office 365 with Office 365). A filter, an
/// authentication context or user actions make a policy reach no sign-in there, and too many combinations leave the
/// policies partial.
/// </para>
/// </summary>
public sealed class MfaCoverage(EntraDirectory directory, DateTimeOffset referenceTime)
{
    /// <summary>The coverage of each set of policies decided so far, by their ids.</summary>
    private readonly Dictionary<string, SignInCover> _together = new(StringComparer.Ordinal);

    /// <summary>
    /// The roles security defaults require MFA of at every sign-in (Microsoft Learn, "Security defaults in Microsoft
    /// Entra ID", "Require administrators to do multifactor authentication"), by template id.
    /// </summary>
    private static readonly FrozenDictionary<string, string> SecurityDefaultsAdminRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
        ["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"] = "Application Administrator",
        ["c4e39bd9-1100-46d3-8c65-fb160da0071f"] = "Authentication Administrator",
        ["b0f54661-2d74-4c50-afa3-1ec803f12efe"] = "Billing Administrator",
        ["158c047a-c907-4556-b7ef-446551a6b5f7"] = "Cloud Application Administrator",
        ["b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"] = "Conditional Access Administrator",
        ["29232cdf-9323-42fd-ade2-1d097af3e4de"] = "Exchange Administrator",
        ["729827e3-9c14-49f7-bb1b-9608f156bbb8"] = "Helpdesk Administrator",
        ["966707d0-3269-4727-9be2-8c3a10f19b9d"] = "Password Administrator",
        ["7be44c8a-adaf-4e2a-84d6-ab2649e08a13"] = "Privileged Authentication Administrator",
        ["e8611ab8-c189-46e8-94e1-60213ab1f814"] = "Privileged Role Administrator",
        ["194ae4cb-b126-40b2-bd5b-6091b380977d"] = "Security Administrator",
        ["f28a1f50-f6e7-4571-818b-6a12f2af6b6c"] = "SharePoint Administrator",
        ["69091246-20e8-4a56-aa4d-066075b2a7a8"] = "Teams Administrator",
        ["fe930be7-5e62-47db-91af-98c3a49a38b1"] = "User Administrator",
        ["0526716b-113d-4c15-b2c8-68e3c22b9f80"] = "Authentication Policy Administrator",
        ["45d8d3c5-c802-45c6-b32a-1d70b5e1e86e"] = "Identity Governance Administrator",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> MfaControls = new[] { "mfa" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The built-in grant controls a password alone does not satisfy: <c>block</c> refuses the sign-in, the others ask for a second factor or a trusted device.</summary>
    private static readonly FrozenSet<string> SignInGuardControls = new[] { "block", "mfa", "compliantDevice", "domainJoinedDevice" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The client app types that together are every client (<c>conditionalAccessConditionSet</c>), as <c>all</c> is.</summary>
    private static readonly string[] EveryClientAppType = ["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"];

    /// <summary>The <c>authenticationMethodModes</c> Microsoft Learn lists as single-factor combinations of their own (and guest email one-time passcodes).</summary>
    private static readonly FrozenSet<string> SingleFactorModes = new[] { "password", "sms", "x509CertificateSingleFactor", "federatedSingleFactor", "email" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The modes that are multifactor by themselves: FIDO2, Windows Hello, multifactor certificates, phone sign-in, Temporary Access Pass, federated MFA.</summary>
    private static readonly FrozenSet<string> MultifactorModes = new[]
    {
        "fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "federatedMultiFactor",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The enforced MFA requirements that apply to the user, and the policies requiring MFA that miss them.</summary>
    public UserMfaCoverage For(string userId)
    {
        var user = directory.FindUser(userId);
        var subject = new Subject(userId, user, GroupsOf(userId), RolesOf(userId));
        var requirements = ImmutableArray.CreateBuilder<MfaRequirement>();
        var misses = ImmutableArray.CreateBuilder<string>();
        var combinable = new List<ConditionalAccessPolicy>();
        if (directory.SecurityDefaults?.IsEnabled == true)
        {
            requirements.Add(SecurityDefaults(subject));
        }

        foreach (var policy in directory.ConditionalAccessPolicies.OrderBy(p => p.DisplayName ?? p.Id, StringComparer.Ordinal))
        {
            var grant = Grant(policy);
            var singleFactor = grant is null && policy.AuthenticationStrength is { } strength ? SingleFactorReason(strength) : null;
            if (grant is not { } grantGaps)
            {
                // A policy whose strength accepts a single factor applies without requiring MFA: worth naming when it reaches the user.
                if (singleFactor is not null && policy.State == ConditionalAccessPolicyState.Enabled && Target(policy, subject) is { Included: { } reach, Excluded: null })
                {
                    misses.Add($"policy `{policy.DisplayName ?? policy.Id}` applies to them ({reach}) but requires authentication strength {Named(policy.AuthenticationStrength!)}, which is not MFA: {singleFactor}");
                }

                continue;
            }

            var source = $"policy `{policy.DisplayName ?? policy.Id}`";
            var (included, excluded, targetGaps) = Target(policy, subject);
            if (included is null)
            {
                continue;
            }

            if (policy.State != ConditionalAccessPolicyState.Enabled)
            {
                if (excluded is null)
                {
                    misses.Add(policy.State switch
                    {
                        ConditionalAccessPolicyState.EnabledForReportingButNotEnforced => $"{source} would require MFA of them ({included}) but is report-only",
                        ConditionalAccessPolicyState.Disabled => $"{source} would require MFA of them ({included}) but is disabled",
                        _ => $"{source} would require MFA of them ({included}) but its state is unknown",
                    });
                }

                continue;
            }

            if (excluded is not null)
            {
                misses.Add($"{source} requires MFA ({included}) but excludes them {excluded}");
                continue;
            }

            if (WithoutSignIns(policy) is { } only)
            {
                // No application in scope: MFA is asked for at those actions only, never to sign in.
                misses.Add($"{source} requires MFA ({included}) {only}, never at sign-in");
                continue;
            }

            var gaps = ReachGaps(policy, targetGaps).Concat(grantGaps).ToImmutableArray();
            requirements.Add(new MfaRequirement(source, included, gaps.IsEmpty ? MfaCoverageLevel.Full : MfaCoverageLevel.Partial, gaps));
            if (targetGaps.IsEmpty && grantGaps.IsEmpty)
            {
                // Surely targeted and surely asking for MFA where it applies: its conditions may meet another policy's.
                combinable.Add(policy);
            }
        }

        // Without a policy whose reach can be told, there is nothing to combine, nor a sign-in to name as left.
        var together = !combinable.Any(SignInSpace.IsDecidable) || requirements.Any(r => r.Level == MfaCoverageLevel.Full) ? null : Together(combinable);
        return new UserMfaCoverage(userId, requirements.ToImmutable(), misses.ToImmutable(), together);
    }

    /// <summary>
    /// The enabled policies that stand between a first factor of the user and a sign-in: they include the user (surely:
    /// not only through guests of listed home tenants) and do not exclude them, apply at sign-in, and their grant blocks
    /// the sign-in or asks for what a stolen password does not give (MFA, an authentication strength, a compliant or
    /// hybrid joined device); under <c>OR</c> only when every alternative is one of those. Empty unless together they
    /// reach every sign-in of the user (<see cref="SignInSpace"/>): a sign-in none of them reaches leaves the password a
    /// way in, and removing them gives nothing the password does not already give. Otherwise the narrowest ways in,
    /// fewest policies first: the policies that alone guard some sign-ins, each with how it includes the user.
    /// </summary>
    /// <remarks>
    /// What cannot be decided (a device or application filter, an authentication context, uncertain targeting) counts
    /// as no guard, as it counts as no MFA for the rules: an edge claims the user is guarded, and a sign-in the export
    /// cannot show guarded may take the password alone, where the edge would add nothing. So an edge may be missed
    /// where the export cannot tell, never drawn to a user the password already signs in as.
    /// </remarks>
    public ImmutableArray<(string? SignIns, ImmutableArray<(ConditionalAccessPolicy Policy, string Included)> Guards)> SignInGuards(string userId)
    {
        var subject = new Subject(userId, directory.FindUser(userId), GroupsOf(userId), RolesOf(userId));
        var guards = directory.ConditionalAccessPolicies
            .Where(p => p.State == ConditionalAccessPolicyState.Enabled && GuardsSignIn(p) && AppliesAtSignIn(p))
            .Select(p => (Policy: p, Target: Target(p, subject)))
            .Where(p => p.Target is { Included: not null, Excluded: null, Gaps.IsEmpty: true })
            .OrderBy(p => p.Policy.DisplayName ?? p.Policy.Id, StringComparer.Ordinal)
            .ToList();
        if (guards.Count == 0 || Together(guards.ConvertAll(g => g.Policy)) is not { Covered: true } together)
        {
            return [];
        }

        var included = guards.ToDictionary(g => g.Policy.Id, g => g.Target.Included!, StringComparer.Ordinal);
        return [.. together.Openings.Select(o => (o.SignIns, o.Policies.Select(p => (p, included[p.Id])).ToImmutableArray()))];
    }

    /// <summary>How far the policies reach the user's sign-ins together, decided once per set of policies: many users share one.</summary>
    private SignInCover Together(List<ConditionalAccessPolicy> policies)
    {
        var key = string.Join('\n', policies.Select(p => p.Id));
        if (!_together.TryGetValue(key, out var cover))
        {
            cover = SignInSpace.Cover(policies, appId => directory.FindServicePrincipalByAppId(appId)?.DisplayName ?? appId);
            _together[key] = cover;
        }

        return cover;
    }

    /// <summary>Whether the policy's grant blocks, or only lets through a sign-in that shows more than a first factor.</summary>
    private static bool GuardsSignIn(ConditionalAccessPolicy policy)
    {
        // A strength that accepts a password alone asks for nothing more than the password.
        var strength = policy.AuthenticationStrength is null ? (int?)null : StrengthRequiresMfa(policy.AuthenticationStrength) == false ? 0 : 1;
        var builtIn = policy.BuiltInControls.Count(SignInGuardControls.Contains);
        var guards = builtIn + (strength ?? 0);
        if (guards == 0)
        {
            return false;
        }

        // Under OR any one control lets a sign-in through: terms of use or an approved app take no second factor.
        var others = policy.BuiltInControls.Length - builtIn + (strength == 0 ? 1 : 0) + policy.TermsOfUse.Length + policy.CustomAuthenticationFactors.Length;
        return others == 0 || string.Equals(policy.GrantOperator, "AND", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a policy's grant requires MFA, and if so what lets a sign-in through without it (null: it does not require MFA).</summary>
    public static ImmutableArray<string>? Grant(ConditionalAccessPolicy policy)
    {
        var builtInMfa = policy.BuiltInControls.Any(MfaControls.Contains);
        var strength = policy.AuthenticationStrength;
        var strengthMfa = strength is null ? false : StrengthRequiresMfa(strength);
        if (!builtInMfa && strengthMfa == false)
        {
            return null;
        }

        var unknownStrength = strengthMfa is null ? $"whether its authentication strength {Named(strength!)} requires MFA is unknown: the export has no `requirementsSatisfied` for it, nor only combinations known to be multifactor" : null;
        if (string.Equals(policy.GrantOperator, "AND", StringComparison.OrdinalIgnoreCase))
        {
            // Every control is required: `mfa` or a multifactor strength among them is enough.
            return builtInMfa || strengthMfa == true ? [] : [unknownStrength!];
        }

        // Under OR any one control is enough: another control than MFA, a single-factor strength included, is a way around it.
        var alternatives = policy.BuiltInControls.Where(c => !MfaControls.Contains(c)).Select(c => $"`{c}`")
            .Concat(policy.TermsOfUse.Select(t => $"terms of use `{t}`"))
            .Concat(policy.CustomAuthenticationFactors.Select(f => $"custom control `{f}`"))
            .Concat(strength is not null && strengthMfa == false ? [$"authentication strength {Named(strength)}"] : [])
            .ToList();
        var gaps = ImmutableArray.CreateBuilder<string>();
        if (unknownStrength is not null)
        {
            gaps.Add(unknownStrength);
        }

        if (alternatives.Count > 0)
        {
            gaps.Add($"its grant takes {string.Join(" or ", alternatives)} instead of MFA (operator OR), so {(alternatives.Count == 1 ? "that control" : "any of them")} lets a sign-in through without MFA");
        }

        return gaps.ToImmutable();
    }

    /// <summary>
    /// Whether satisfying an authentication strength means multifactor authentication: only when every allowed
    /// combination is multifactor, which Graph sums up as <c>requirementsSatisfied</c> <c>mfa</c> (Microsoft Learn,
    /// "Conditional Access authentication strength": password, SMS sign-in, single-factor certificate and federated
    /// single-factor are single-factor combinations a custom strength may allow). Null when the export does not say.
    /// </summary>
    private static bool? StrengthRequiresMfa(AuthenticationStrength strength)
    {
        if (SingleFactorReason(strength) is not null)
        {
            return false;
        }

        if (string.Equals(strength.RequirementsSatisfied, "mfa", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !strength.AllowedCombinations.IsEmpty && strength.AllowedCombinations.All(IsMultifactor) ? true : null;
    }

    /// <summary>Why an authentication strength does not amount to MFA (null: it does, or the export does not say).</summary>
    private static string? SingleFactorReason(AuthenticationStrength strength)
    {
        if (strength.AllowedCombinations.FirstOrDefault(c => Modes(c) is [var mode] && SingleFactorModes.Contains(mode)) is { } single)
        {
            return $"it accepts `{single}` alone, a single factor";
        }

        return string.Equals(strength.RequirementsSatisfied, "none", StringComparison.OrdinalIgnoreCase)
            ? "satisfying it does not grant the MFA claim (`requirementsSatisfied` is `none`)"
            : null;
    }

    /// <summary>A combination of two methods or more (password and something you have), or one that is multifactor by itself.</summary>
    private static bool IsMultifactor(string combination) => Modes(combination) switch
    {
        [var mode] => MultifactorModes.Contains(mode),
        [] => false,
        _ => true,
    };

    private static string[] Modes(string combination) => combination.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Named(AuthenticationStrength strength) => $"`{strength.DisplayName ?? strength.Id ?? "(unnamed)"}`";

    /// <summary>How the policy includes the subject (null: it does not), how it excludes them (null: it does not), and what is uncertain.</summary>
    private static (string? Included, string? Excluded, ImmutableArray<string> Gaps) Target(ConditionalAccessPolicy policy, Subject subject)
    {
        var gaps = ImmutableArray.CreateBuilder<string>();
        string? included = null;
        if (policy.IncludeUsers.Contains("All", StringComparer.OrdinalIgnoreCase))
        {
            included = "it includes all users";
        }
        else if (policy.IncludeUsers.Contains(subject.Id, StringComparer.OrdinalIgnoreCase))
        {
            included = "it includes them by name";
        }
        else if (subject.IsExternal && policy.IncludeUsers.Contains("GuestsOrExternalUsers", StringComparer.OrdinalIgnoreCase))
        {
            included = "it includes guests and external users";
        }
        else if (Groups(policy.IncludeGroups, subject) is { } group)
        {
            included = $"it includes group {group}";
        }
        else if (Roles(policy.IncludeRoles, subject) is { } role)
        {
            included = $"it includes role {role}";
        }
        else if (External(policy.IncludeGuestsOrExternalUsers, subject) is { } external)
        {
            included = $"it includes {external.Kind}";
            if (!external.AllTenants)
            {
                gaps.Add("it includes guests of listed home tenants only, and the user's home tenant is not in the export");
            }
        }

        if (included is null)
        {
            return (null, null, []);
        }

        string? excluded = null;
        if (policy.ExcludeUsers.Contains(subject.Id, StringComparer.OrdinalIgnoreCase))
        {
            excluded = "by name";
        }
        else if (subject.IsExternal && policy.ExcludeUsers.Contains("GuestsOrExternalUsers", StringComparer.OrdinalIgnoreCase))
        {
            excluded = "as a guest or external user";
        }
        else if (Groups(policy.ExcludeGroups, subject) is { } group)
        {
            excluded = $"through group {group}";
        }
        else if (Roles(policy.ExcludeRoles, subject) is { } role)
        {
            excluded = $"through role {role}";
        }
        else if (External(policy.ExcludeGuestsOrExternalUsers, subject) is { } external)
        {
            if (external.AllTenants)
            {
                excluded = $"as one of the {external.Kind}";
            }
            else
            {
                gaps.Add($"it excludes {external.Kind} of listed home tenants, which may include the user (their home tenant is not in the export)");
            }
        }

        return (included, excluded, gaps.ToImmutable());
    }

    /// <summary>Whether the policy applies to sign-ins to some application (or resources tagged with an authentication context), rather than to user actions or to no application (<c>None</c>) only.</summary>
    public static bool AppliesAtSignIn(ConditionalAccessPolicy policy) => WithoutSignIns(policy) is null;

    /// <summary>What a policy with no application in scope applies to instead (<c>for the user actions … only</c>); null when it has one.</summary>
    private static string? WithoutSignIns(ConditionalAccessPolicy policy)
    {
        if (policy.IncludeApplications.Any(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)) || !policy.IncludeAuthenticationContextClassReferences.IsEmpty)
        {
            return null;
        }

        // An export without any application condition says nothing either way: not read as targeting none.
        return !policy.IncludeUserActions.IsEmpty ? $"for the user actions {Listed(policy.IncludeUserActions)} only"
            : !policy.IncludeApplications.IsEmpty ? "for no application (`None`)"
            : null;
    }

    /// <summary>
    /// Every way a policy that includes the subject stops short of all their sign-ins (uncertain targeting, its
    /// applications, its conditions): what makes MFA coverage partial, and a policy no guard of the sign-in.
    /// </summary>
    private static IEnumerable<string> ReachGaps(ConditionalAccessPolicy policy, ImmutableArray<string> targetGaps) =>
        targetGaps.Concat(Applications(policy)).Concat(Conditions(policy));

    /// <summary>Every way the policy's application condition stops short of all sign-ins.</summary>
    private static IEnumerable<string> Applications(ConditionalAccessPolicy policy)
    {
        var include = policy.IncludeApplications;
        if (include.Contains("All", StringComparer.OrdinalIgnoreCase))
        {
            if (!policy.ExcludeApplications.IsEmpty)
            {
                yield return $"it excludes {Count(policy.ExcludeApplications.Length, "application")} ({Listed(policy.ExcludeApplications)})";
            }
        }
        else if (include.Contains("MicrosoftAdminPortals", StringComparer.OrdinalIgnoreCase) && include.Length == 1)
        {
            yield return "it applies to the Microsoft admin portals only (not to Graph, PowerShell or other applications)";
        }
        else if (!include.IsEmpty)
        {
            yield return $"it applies to {Listed(include)} only";
        }

        if (!policy.IncludeUserActions.IsEmpty)
        {
            yield return $"it applies to the user actions {Listed(policy.IncludeUserActions)} only, not to sign-ins";
        }

        if (!policy.IncludeAuthenticationContextClassReferences.IsEmpty)
        {
            yield return $"it applies to resources tagged with authentication context {Listed(policy.IncludeAuthenticationContextClassReferences)} only";
        }

        if (policy.ApplicationFilter is { } filter)
        {
            yield return $"it applies only to applications {(IsExclude(filter) ? "not " : string.Empty)}matching the filter `{filter.Rule}`";
        }
    }

    /// <summary>Every condition that narrows the policy to some sign-ins.</summary>
    private static IEnumerable<string> Conditions(ConditionalAccessPolicy policy)
    {
        if (!policy.ClientAppTypes.IsEmpty && !policy.ClientAppTypes.Contains("all", StringComparer.OrdinalIgnoreCase)
            && !EveryClientAppType.All(t => policy.ClientAppTypes.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"it applies to client apps {Listed(policy.ClientAppTypes)} only";
        }

        if (!policy.IncludePlatforms.IsEmpty && !policy.IncludePlatforms.Contains("all", StringComparer.OrdinalIgnoreCase))
        {
            yield return $"it applies on platforms {Listed(policy.IncludePlatforms)} only";
        }

        if (!policy.ExcludePlatforms.IsEmpty)
        {
            yield return $"it does not apply on platforms {Listed(policy.ExcludePlatforms)}";
        }

        if (!policy.IncludeLocations.IsEmpty && !policy.IncludeLocations.Contains("All", StringComparer.OrdinalIgnoreCase))
        {
            yield return $"it applies from locations {Listed(policy.IncludeLocations)} only";
        }

        if (!policy.ExcludeLocations.IsEmpty)
        {
            yield return $"it does not apply from locations {Listed(policy.ExcludeLocations)}";
        }

        if (!policy.UserRiskLevels.IsEmpty)
        {
            yield return $"it applies at user risk {Listed(policy.UserRiskLevels)} only";
        }

        if (!policy.SignInRiskLevels.IsEmpty)
        {
            yield return $"it applies at sign-in risk {Listed(policy.SignInRiskLevels)} only";
        }

        if (!policy.InsiderRiskLevels.IsEmpty)
        {
            yield return $"it applies at insider risk {Listed(policy.InsiderRiskLevels)} only";
        }

        if (policy.DeviceFilter is { } filter)
        {
            yield return $"it applies only to devices {(IsExclude(filter) ? "not " : string.Empty)}matching the filter `{filter.Rule}`";
        }

        if (!policy.AuthenticationFlows.IsEmpty)
        {
            yield return $"it applies to the authentication flows {Listed(policy.AuthenticationFlows)} only";
        }
    }

    /// <summary>Security defaults require MFA at every sign-in of the administrator roles they name; of other users, for Azure management only.</summary>
    private static MfaRequirement SecurityDefaults(Subject subject) =>
        subject.Roles.FirstOrDefault(r => SecurityDefaultsAdminRoles.ContainsKey(r.TemplateId)) is { } role
            ? new MfaRequirement(SecurityDefaultsSource, $"they require MFA of role {role.Describe()} at every sign-in", MfaCoverageLevel.Full, [])
            : new MfaRequirement(SecurityDefaultsSource, "they are enabled", MfaCoverageLevel.Partial, [AzureManagementOnly]);

    /// <summary>The <see cref="MfaRequirement.Source"/> of the security defaults.</summary>
    public const string SecurityDefaultsSource = "security defaults";

    /// <summary>The gap of security defaults for a user without one of the administrator roles they name.</summary>
    public const string AzureManagementOnly = "they require MFA of users without one of the administrator roles they name only for Azure management (Azure portal, CLI, PowerShell), elsewhere only when Microsoft deems it necessary";

    private static string? Groups(ImmutableArray<string> groupIds, Subject subject) =>
        subject.Groups.FirstOrDefault(g => groupIds.Contains(g.Id, StringComparer.OrdinalIgnoreCase)) is { } group ? group.Describe() : null;

    private static string? Roles(ImmutableArray<string> templateIds, Subject subject) =>
        subject.Roles.FirstOrDefault(r => templateIds.Contains(r.TemplateId, StringComparer.OrdinalIgnoreCase)) is { } role ? role.Describe() : null;

    /// <summary>The kind of guest the subject is, when the policy's guest condition names that kind.</summary>
    private static (string Kind, bool AllTenants)? External(ConditionalAccessExternalUsers? condition, Subject subject) =>
        condition is not null && subject.ExternalKind is { } kind && condition.Types.Contains(kind, StringComparer.OrdinalIgnoreCase)
            ? (ExternalKindName(kind), condition.AllTenants)
            : null;

    private static string ExternalKindName(string kind) => kind switch
    {
        "internalGuest" => "local guest users",
        "b2bCollaborationGuest" => "B2B collaboration guest users",
        _ => "B2B collaboration member users",
    };

    /// <summary>The groups the user belongs to, actively or (PIM for Groups) eligibly, as Conditional Access will see them once activated.</summary>
    private ImmutableArray<Membership> GroupsOf(string userId)
    {
        var active = directory.TransitiveGroupsOf(userId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. directory.TransitiveGroupsOf(userId, includeEligible: true)
            .Select(g => new Membership(g, directory.FindGroup(g)?.DisplayName ?? g, !active.Contains(g)))];
    }

    /// <summary>The built-in roles held directory-wide at the reference time, directly or through a group, active or eligible.</summary>
    private ImmutableArray<HeldRole> RolesOf(string userId)
    {
        var holders = new Dictionary<string, Membership?>(StringComparer.OrdinalIgnoreCase) { [userId] = null };
        foreach (var group in GroupsOf(userId))
        {
            holders.TryAdd(group.Id, group);
        }

        return [.. directory.RoleAssignments.Concat(directory.RoleAssignmentScheduleInstances)
            .Concat(directory.RoleEligibilitySchedules).Concat(directory.RoleEligibilityScheduleInstances)
            .Where(a => holders.ContainsKey(a.PrincipalId) && a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && a.AppScopeId is null or "/"
                && a.IsInForceAt(referenceTime) && !Lapsed.Contains(a))
            .Select(a =>
            {
                var definition = directory.FindRoleDefinition(a.RoleDefinitionId);
                var via = holders[a.PrincipalId];
                return new HeldRole(definition?.TemplateId ?? a.RoleDefinitionId, definition?.DisplayName ?? a.RoleDefinitionId, a.State == AssignmentState.Eligible || via?.Eligible == true, via);
            })
            .OrderBy(r => r.Eligible)
            .DistinctBy(r => (r.TemplateId.ToLowerInvariant(), r.Via?.Id))];
    }

    /// <summary>The <c>roleAssignments</c> entries a role-targeted policy no longer sees: their assignment lapsed after the export.</summary>
    private LapsedRoleAssignments Lapsed => field ??= new LapsedRoleAssignments(directory, referenceTime);

    private static bool IsExclude(ConditionalAccessFilter filter) => string.Equals(filter.Mode, "exclude", StringComparison.OrdinalIgnoreCase);

    private static string Listed(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"`{v}`"));

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private sealed record Membership(string Id, string Name, bool Eligible)
    {
        public string Describe() => $"`{Name}`{(Eligible ? " (a PIM-eligible membership, once activated)" : string.Empty)}";
    }

    private sealed record HeldRole(string TemplateId, string Name, bool Eligible, Membership? Via)
    {
        public string Describe() =>
            $"`{Name}`{(Via is { } group ? $" (through group `{group.Name}`)" : string.Empty)}{(Eligible ? " (PIM-eligible: once activated)" : string.Empty)}";
    }

    private sealed record Subject(string Id, EntraUser? User, ImmutableArray<Membership> Groups, ImmutableArray<HeldRole> Roles)
    {
        /// <summary>A guest, or a member whose account comes from another tenant (<c>#EXT#</c> in its user principal name).</summary>
        public bool IsExternal => ExternalKind is not null;

        /// <summary>The <c>guestOrExternalUserTypes</c> value the user is, when it can be told from the export.</summary>
        public string? ExternalKind
        {
            get
            {
                var fromElsewhere = User?.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true;
                return User?.UserType switch
                {
                    EntraUserType.Guest => fromElsewhere ? "b2bCollaborationGuest" : "internalGuest",
                    EntraUserType.Member when fromElsewhere => "b2bCollaborationMember",
                    _ => null,
                };
            }
        }
    }
}
