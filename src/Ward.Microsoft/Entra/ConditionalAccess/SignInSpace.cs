using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.ConditionalAccess;

/// <summary>
/// Whether several Conditional Access policies together reach every sign-in of a user. A sign-in is a point of a
/// product of conditions: client app type, device platform, application, location, user, sign-in and insider risk,
/// authentication flow. Each condition is split by the values any of the policies names (each named platform and
/// every other one, unknown platforms included; each named application and every other one, inside or outside
/// Office 365 and the admin portals; inside or outside each named location and the trusted ones), and every cell of
/// the product must be reached by a policy. What the export does not relate (whether an application is part of Office
/// 365, whether two named locations overlap, which are trusted: their definitions are not exported) is taken as
/// independent, so a cell may be one no sign-in falls in: coverage is understated, never overstated. A policy narrowed
/// by what cannot be decided (an application or device filter, authentication contexts, user actions) reaches no cell.
/// </summary>
public static class SignInSpace
{
    /// <summary>The most cells checked: beyond, whether the policies cover together is left undecided.</summary>
    public const int CellLimit = 100_000;

    /// <summary>The most uncovered cells named.</summary>
    private const int NamedUncovered = 5;

    /// <summary>The most values named for one condition of a cell.</summary>
    private const int NamedValues = 6;

    /// <summary>The most policies a cell's reach holds (a bit each).</summary>
    private const int MostPolicies = 128;

    /// <summary>The most named locations (and the trusted ones) split: each doubles the cells, a sign-in being inside or outside it, and 2^17 is past <see cref="CellLimit"/>.</summary>
    private const int MostLocations = 16;

    private static readonly string[] ClientAppTypes = ["browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"];

    /// <summary>The risk levels a sign-in or a user is at when Conditional Access evaluates it.</summary>
    private static readonly string[] RiskLevels = ["none", "low", "medium", "high"];

    private static readonly string[] InsiderRiskLevels = ["minor", "moderate", "elevated"];

    private static readonly string[] AuthenticationFlows = ["deviceCodeFlow", "authenticationTransfer"];

    /// <summary>The application keywords that stand for sets of applications Graph does not list.</summary>
    private static readonly string[] ApplicationGroups = ["Office365", "MicrosoftAdminPortals"];

    private const string AllTrusted = "AllTrusted";

    /// <summary>
    /// The cells the policies leave, and the narrowest ways in: for each smallest set of policies that alone reach
    /// some cell, that cell. <paramref name="applicationName"/> names an application id in descriptions.
    /// </summary>
    public static SignInCover Cover(IReadOnlyList<ConditionalAccessPolicy> policies, Func<string, string> applicationName)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var decidable = policies.Where(IsDecidable).ToList();
        if (decidable.Count > MostPolicies || Locations(decidable) is not { } locations)
        {
            return SignInCover.Undecided;
        }

        ImmutableArray<Cell>[] dimensions =
        [
            Split(decidable, ClientAppTypes, t => $"`{t}`", ReachesClient, labels => $"from {labels} clients"),
            Split(decidable, Platforms(decidable), p => p is null ? "another platform (unknown ones included)" : $"`{p}`", ReachesPlatform, labels => $"on {labels}"),
            Split(decidable, Applications(decidable, applicationName), a => a.Label, ReachesApplication, labels => $"to {labels}"),
            Split(decidable, locations, l => l.Label(), ReachesLocation, labels => $"from {labels}"),
            Split(decidable, RiskLevels, l => $"`{l}`", (p, l) => Reaches(p.UserRiskLevels, l), labels => $"at user risk {labels}"),
            Split(decidable, RiskLevels, l => $"`{l}`", (p, l) => Reaches(p.SignInRiskLevels, l), labels => $"at sign-in risk {labels}"),
            Split(decidable, [.. InsiderRiskLevels, null], l => l is null ? "no insider risk level" : $"insider risk `{l}`", (p, l) => p.InsiderRiskLevels.IsEmpty || (l is not null && Has(p.InsiderRiskLevels, l)), labels => $"at {labels}"),
            Split(decidable, [.. AuthenticationFlows, null], f => f is null ? "an ordinary sign-in (no device code flow nor authentication transfer)" : $"the authentication flow `{f}`", (p, f) => p.AuthenticationFlows.IsEmpty || (f is not null && Has(p.AuthenticationFlows, f)), labels => $"through {labels}"),
        ];
        if (dimensions.Aggregate(1L, (product, cells) => Math.Min(product * cells.Length, CellLimit + 1L)) > CellLimit)
        {
            return SignInCover.Undecided;
        }

        var walk = new Walk(dimensions);
        walk.Visit(0, Everyone(decidable.Count), []);

        // A set of policies that alone reach some cell, none of its subsets reaching another: what must go to open that cell.
        var reaches = walk.Reaches.Keys.ToList();
        var narrowest = reaches
            .Where(r => !reaches.Any(other => other != r && (other & r) == other))
            .OrderBy(r => BitCount(r)).ThenBy(r => walk.Reaches[r], StringComparer.Ordinal)
            .Select(r => new SignInOpening(r == walk.Everywhere ? null : walk.Reaches[r], [.. decidable.Where((_, i) => (r & Bit(i)) != 0)]))
            .ToImmutableArray();
        return new SignInCover([.. walk.Uncovered], walk.UncoveredCount, narrowest, IsUndecided: false);
    }

    /// <summary>Whether the policy's reach can be told from the export; one narrowed by a filter, authentication contexts or user actions reaches sign-ins the export cannot tell.</summary>
    public static bool IsDecidable(ConditionalAccessPolicy policy) =>
        policy.ApplicationFilter is null && policy.DeviceFilter is null && policy.IncludeAuthenticationContextClassReferences.IsEmpty && policy.IncludeUserActions.IsEmpty;

    private static bool ReachesClient(ConditionalAccessPolicy policy, string type) =>
        policy.ClientAppTypes.IsEmpty || Has(policy.ClientAppTypes, "all") || Has(policy.ClientAppTypes, type);

    /// <summary>The platforms any policy names, and every other platform (null), unknown and unsupported ones among them.</summary>
    private static IEnumerable<string?> Platforms(List<ConditionalAccessPolicy> policies) =>
        Named(policies.SelectMany(p => p.IncludePlatforms.Concat(p.ExcludePlatforms)), "all").Append(null);

    private static bool ReachesPlatform(ConditionalAccessPolicy policy, string? platform)
    {
        // Any device, with or without exclusions, covers unknown and unsupported platforms too: Microsoft's "block unsupported platforms" policy excludes every known one.
        var included = policy.IncludePlatforms.IsEmpty || Has(policy.IncludePlatforms, "all") || (platform is not null && Has(policy.IncludePlatforms, platform));
        return included && (platform is null || !Has(policy.ExcludePlatforms, platform));
    }

    /// <summary>Each application any policy names and every other one, each inside or outside each keyword set (Office 365, admin portals) a policy names.</summary>
    private static IEnumerable<ApplicationCell> Applications(List<ConditionalAccessPolicy> policies, Func<string, string> applicationName)
    {
        var named = policies.SelectMany(p => p.IncludeApplications.Concat(p.ExcludeApplications)).ToList();
        var groups = ApplicationGroups.Where(g => Has(named, g)).ToArray();
        var applications = Named(named, ["All", "None", .. ApplicationGroups]).Select(a => (string?)a).Append(null);
        foreach (var application in applications)
        {
            for (var membership = 0; membership < 1 << groups.Length; membership++)
            {
                var inside = groups.Where((_, i) => (membership & (1 << i)) != 0).ToImmutableArray();
                var outside = groups.Except(inside, StringComparer.Ordinal).Select(g => $"`{g}`").ToList();
                var label = application is null
                    ? inside.IsEmpty ? "another application" + (outside.Count == 0 ? string.Empty : $" outside {string.Join(" and ", outside)}") : $"another application in {string.Join(" and ", inside.Select(g => $"`{g}`"))}"
                    : $"application `{applicationName(application)}`" + (inside.IsEmpty ? string.Empty : $" (if it is in {string.Join(" and ", inside.Select(g => $"`{g}`"))})");
                yield return new ApplicationCell(application, inside, label);
            }
        }
    }

    private static bool ReachesApplication(ConditionalAccessPolicy policy, ApplicationCell cell)
    {
        bool Names(ImmutableArray<string> list) => (cell.Application is { } application && Has(list, application)) || cell.Groups.Any(g => Has(list, g));
        // An export without an application condition is read as all applications, as for a single policy.
        return (policy.IncludeApplications.IsEmpty || Has(policy.IncludeApplications, "All") || Names(policy.IncludeApplications)) && !Names(policy.ExcludeApplications);
    }

    /// <summary>Every way in or out of the named locations and the trusted ones a sign-in may be; null when there are too many.</summary>
    private static List<LocationCell>? Locations(List<ConditionalAccessPolicy> policies)
    {
        var mentioned = policies.SelectMany(p => p.IncludeLocations.Concat(p.ExcludeLocations)).ToList();
        var named = Named(mentioned, ["All", AllTrusted]);
        var places = named.Concat(Has(mentioned, AllTrusted) ? [AllTrusted] : []).ToImmutableArray();
        if (places.Length > MostLocations)
        {
            return null;
        }

        return [.. Enumerable.Range(0, 1 << places.Length).Select(membership => new LocationCell(places, [.. places.Where((_, i) => (membership & (1 << i)) != 0)]))];
    }

    private static bool ReachesLocation(ConditionalAccessPolicy policy, LocationCell cell)
    {
        var included = policy.IncludeLocations.IsEmpty || Has(policy.IncludeLocations, "All") || cell.Inside.Any(l => Has(policy.IncludeLocations, l));
        return included && !cell.Inside.Any(l => Has(policy.ExcludeLocations, l));
    }

    /// <summary>A condition's values as cells, those no policy tells apart merged; a condition no policy narrows is one cell, undescribed.</summary>
    private static ImmutableArray<Cell> Split<T>(List<ConditionalAccessPolicy> policies, IEnumerable<T> values, Func<T, string> label, Func<ConditionalAccessPolicy, T, bool> reaches, Func<string, string> describe)
    {
        var byReach = new Dictionary<UInt128, List<T>>();
        foreach (var value in values)
        {
            var reach = UInt128.Zero;
            for (var i = 0; i < policies.Count; i++)
            {
                if (reaches(policies[i], value))
                {
                    reach |= Bit(i);
                }
            }

            if (!byReach.TryGetValue(reach, out var alike))
            {
                byReach[reach] = alike = [];
            }

            alike.Add(value);
        }

        return byReach.Count == 1
            ? [new Cell(null, byReach.Keys.Single())]
            : [.. byReach.Select(c => new Cell(describe(Labels(c.Value, label)), c.Key))];
    }

    /// <summary>The values of a cell, the first few named when there are many (combinations of locations).</summary>
    private static string Labels<T>(List<T> values, Func<T, string> label) =>
        values.Count <= NamedValues
            ? string.Join(" or ", values.Select(label))
            : $"{string.Join(" or ", values.Take(NamedValues - 1).Select(label))} or {values.Count - NamedValues + 1} more combinations";

    /// <summary>The values named in a condition, keywords aside, once each in the order first named.</summary>
    private static List<string> Named(IEnumerable<string> values, params string[] keywords) =>
        [.. values.Where(v => !keywords.Contains(v, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether a condition's list reaches the value: an empty list is a condition not configured, and reaches every value.</summary>
    private static bool Reaches(ImmutableArray<string> condition, string value) => condition.IsEmpty || Has(condition, value);

    private static bool Has(IEnumerable<string> list, string value) => list.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static UInt128 Bit(int index) => UInt128.One << index;

    private static UInt128 Everyone(int count) => count == MostPolicies ? UInt128.MaxValue : Bit(count) - 1;

    private static int BitCount(UInt128 value) => (int)UInt128.PopCount(value);

    private sealed record Cell(string? Description, UInt128 Reach);

    private sealed record ApplicationCell(string? Application, ImmutableArray<string> Groups, string Label);

    /// <summary>A sign-in inside some of the named places (the trusted locations among them) and outside the others.</summary>
    private sealed record LocationCell(ImmutableArray<string> Places, ImmutableArray<string> Inside)
    {
        public string Label()
        {
            static string Name(string place) => place == AllTrusted ? "the trusted locations" : $"`{place}`";
            var within = Inside.Select(Name).ToList();
            var without = Places.Except(Inside, StringComparer.Ordinal).Select(Name).ToList();
            return "a location"
                + (within.Count == 0 ? string.Empty : $" in {string.Join(" and ", within)}")
                + (within.Count > 0 && without.Count > 0 ? "," : string.Empty)
                + (without.Count == 0 ? string.Empty : $" outside {string.Join(" and ", without)}");
        }
    }

    /// <summary>The walk over the product of the conditions' cells, cut short where no policy is left.</summary>
    private sealed class Walk(ImmutableArray<Cell>[] dimensions)
    {
        public List<string> Uncovered { get; } = [];

        public int UncoveredCount { get; private set; }

        /// <summary>The sets of policies reaching some cell, each with the first such cell.</summary>
        public Dictionary<UInt128, string> Reaches { get; } = [];

        /// <summary>The policies reaching every cell.</summary>
        public UInt128 Everywhere { get; private set; } = UInt128.MaxValue;

        public void Visit(int dimension, UInt128 reach, ImmutableList<string> described)
        {
            if (reach == UInt128.Zero)
            {
                // No policy is left: every sign-in of the cells below is uncovered, and the cell so far says which.
                UncoveredCount++;
                if (Uncovered.Count < NamedUncovered)
                {
                    Uncovered.Add(Describe(described));
                }

                Everywhere = UInt128.Zero;
                return;
            }

            if (dimension == dimensions.Length)
            {
                Reaches.TryAdd(reach, Describe(described));
                Everywhere &= reach;
                return;
            }

            foreach (var cell in dimensions[dimension])
            {
                Visit(dimension + 1, reach & cell.Reach, cell.Description is { } description ? described.Add(description) : described);
            }
        }

        private static string Describe(ImmutableList<string> described) => described.IsEmpty ? "of any kind" : string.Join(" ", described);
    }
}
