using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Ward.Analysis.Rules.Trust;

/// <summary>
/// The tokens another customer of a shared issuer can obtain, as the issuer builds them, for deciding a workload
/// identity provider's attribute condition. The outsider has names and ids of its own (an owner, a namespace, an
/// organization, a domain): a global name can be any name not taken, so Ward tries names built to meet the prefix,
/// suffix and substring tests of the condition's string constants (<c>myorg-outsider</c> begins with <c>myorg</c>)
/// but never a constant itself (another tenant's); a name inside its own tenant (a repository, a workspace) can be
/// anything, constants included; an id is its own and equals no constant. Claims the outsider chooses (the ref, the
/// environment, the event …) take typical values and the constants. The claims follow the issuers' documentation:
/// GitHub's "OpenID Connect reference", GitLab's "ID token authentication", HCP Terraform's "workload identity" token
/// and Google's ID tokens of service accounts and users.
/// </summary>
internal static partial class OutsiderTokens
{
    private const string Outsider = "outsider";

    /// <summary>A choice of the outsider: its candidate values (the first typical; null: the token lacks the claim), and the claims it shows in.</summary>
    internal sealed record Dimension(string Name, ImmutableArray<string?> Values, ImmutableArray<string> Feeds);

    /// <summary>One kind of token (a GitHub Actions job; a Google service account's ID token …): its choices and how the claims follow from them.</summary>
    internal sealed record Family(ImmutableArray<Dimension> Dimensions, Func<IReadOnlyDictionary<string, string?>, Dictionary<string, object?>> Build);

    /// <summary>Every token of an issuer's families, varying only the choices that show in a claim the condition reads (<paramref name="read"/>).</summary>
    public static IEnumerable<Dictionary<string, object?>> Of(string issuer, string audience, IReadOnlyList<string> literals, Func<string, bool> read)
    {
        var names = new Names(literals);
        var families = issuer switch
        {
            "https://token.actions.githubusercontent.com" => GitHub(names, audience),
            "https://gitlab.com" => GitLab(names, audience),
            "https://app.terraform.io" => Terraform(names, audience),
            "https://accounts.google.com" => Google(names, audience),
            _ => [],
        };
        foreach (var family in families)
        {
            var dimensions = family.Dimensions.Select(d => d.Feeds.Any(read) ? d : d with { Values = [d.Values[0]] }).ToList();
            foreach (var choice in Product(dimensions))
            {
                yield return family.Build(choice);
            }
        }
    }

    /// <summary>
    /// The choices that differ from the typical in at most <see cref="MostChanged"/> dimensions, fewest first: a
    /// condition that lets an outsider in seldom needs more (an owner name, a repository name and a ref), and the
    /// full product of every constant over every choice would be too many to try.
    /// </summary>
    private static IEnumerable<Dictionary<string, string?>> Product(List<Dimension> dimensions)
    {
        var varied = Enumerable.Range(0, dimensions.Count).Where(i => dimensions[i].Values.Length > 1).ToArray();
        for (var changed = 0; changed <= Math.Min(MostChanged, varied.Length); changed++)
        {
            foreach (var subset in Subsets(varied, changed))
            {
                foreach (var at in Picks(dimensions, subset, 0, new int[dimensions.Count]))
                {
                    yield return dimensions.Select((d, i) => (d.Name, Value: d.Values[at[i]])).ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
                }
            }
        }
    }

    private const int MostChanged = 3;

    private static IEnumerable<int[]> Subsets(int[] items, int size, int from = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = from; i <= items.Length - size; i++)
        {
            foreach (var rest in Subsets(items, size - 1, i + 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    /// <summary>Every pick of a value other than the typical for each dimension of the subset (the others typical).</summary>
    private static IEnumerable<int[]> Picks(List<Dimension> dimensions, int[] subset, int next, int[] at)
    {
        if (next == subset.Length)
        {
            yield return at;
            yield break;
        }

        var dimension = subset[next];
        for (var value = 1; value < dimensions[dimension].Values.Length; value++)
        {
            at[dimension] = value;
            foreach (var pick in Picks(dimensions, subset, next + 1, at))
            {
                yield return pick;
            }
        }

        at[dimension] = 0;
    }

    private static Family[] GitHub(Names names, string audience)
    {
        string[] named = ["repository", "sub", "job_workflow_ref", "workflow_ref"];
        var owner = names.Global("owner", "outsider-org", NameKind.Name, ["repository_owner", .. named]);
        var repository = names.Scoped("repository", "outsider-repo", [.. named]);
        var enterprise = names.Global("enterprise", null, NameKind.Name, ["enterprise", "enterprise_id"]);
        var workflow = new Dimension("workflow_file", [".github/workflows/deploy.yml", .. names.Literals.Select(WorkflowPath).OfType<string>()], ["job_workflow_ref", "workflow_ref"]);
        var reference = names.Free("ref", ["refs/heads/main", "refs/heads/outsider", "refs/tags/v1"], ["ref", "ref_type", "sub", "job_workflow_ref", "workflow_ref"], afterAt: true, plausible: r => r.StartsWith("refs/", StringComparison.Ordinal));
        var environment = names.Free("environment", [null, "production"], ["environment", "sub"]);
        var eventName = names.Free("event_name", ["push", "pull_request", "workflow_dispatch"], ["event_name", "sub"]);
        var ownerId = names.Id("918273645");
        var repositoryId = names.Id("827364519");
        var enterpriseId = names.Id("73645");
        string[] chosen = ["actor", "actor_id", "workflow", "repository_visibility", "runner_environment", "ref_protected", "base_ref", "head_ref", "run_id", "run_number", "run_attempt", "sha", "workflow_sha", "job_workflow_sha"];
        Dimension[] dimensions = [owner, repository, enterprise, workflow, reference, environment, eventName, names.Audience(audience), .. chosen.Select(c => names.Free(c, [Typical(c)], [c]))];
        return [new Family([.. dimensions], c =>
        {
            var (o, r, @ref, env, ev) = (c["owner"]!, c["repository"]!, c["ref"]!, c["environment"], c["event_name"]!);
            var claims = Chosen(c, chosen);
            claims["iss"] = "https://token.actions.githubusercontent.com";
            claims["aud"] = c["aud"];
            claims["repository_owner"] = o;
            claims["repository_owner_id"] = ownerId;
            claims["repository"] = $"{o}/{r}";
            claims["repository_id"] = repositoryId;
            claims["ref"] = @ref;
            claims["ref_type"] = @ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch";
            claims["environment"] = env;
            claims["event_name"] = ev;

            // The subject's form follows the job: its environment, else a pull request, else the ref.
            claims["sub"] = env is not null ? $"repo:{o}/{r}:environment:{env}" : ev == "pull_request" ? $"repo:{o}/{r}:pull_request" : $"repo:{o}/{r}:ref:{@ref}";
            claims["job_workflow_ref"] = claims["workflow_ref"] = $"{o}/{r}/{c["workflow_file"]}@{@ref}";
            claims["enterprise"] = c["enterprise"];
            claims["enterprise_id"] = c["enterprise"] is null ? null : enterpriseId;
            return claims;
        })];
    }

    private static Family[] GitLab(Names names, string audience)
    {
        string[] named = ["project_path", "sub", "ci_config_ref_uri"];
        var @namespace = names.Global("namespace", "outsider-group", NameKind.Nested, ["namespace_path", .. named]);
        var project = names.Scoped("project", "outsider-project", named);
        var reference = names.Free("ref", ["main", "outsider", "v1"], ["ref", "ref_path", "sub", "ci_config_ref_uri"]);
        var refType = names.Free("ref_type", ["branch", "tag"], ["ref_type", "ref_path", "sub", "ci_config_ref_uri"]);
        var environment = names.Free("environment", [null, "production"], ["environment", "environment_protected", "environment_action", "deployment_tier"]);
        var namespaceId = names.Id("91827364");
        var projectId = names.Id("82736451");
        string[] chosen = ["user_id", "user_login", "user_email", "user_access_level", "pipeline_id", "pipeline_source", "job_id", "ref_protected", "runner_id", "runner_environment", "sha", "ci_config_sha", "project_visibility", "environment_protected", "environment_action", "deployment_tier"];
        Dimension[] dimensions = [@namespace, project, reference, refType, environment, names.Audience(audience), .. chosen.Select(c => names.Free(c, [Typical(c)], [c]))];
        return [new Family([.. dimensions], c =>
        {
            var (n, p, @ref, type) = (c["namespace"]!, c["project"]!, c["ref"]!, c["ref_type"]!);
            var claims = Chosen(c, chosen);
            var refPath = (type == "tag" ? "refs/tags/" : "refs/heads/") + @ref;
            claims["iss"] = "https://gitlab.com";
            claims["aud"] = c["aud"];
            claims["namespace_id"] = namespaceId;
            claims["namespace_path"] = n;
            claims["project_id"] = projectId;
            claims["project_path"] = $"{n}/{p}";
            claims["ref"] = @ref;
            claims["ref_type"] = type;
            claims["ref_path"] = refPath;
            claims["sub"] = $"project_path:{n}/{p}:ref_type:{type}:ref:{@ref}";
            claims["ci_config_ref_uri"] = $"gitlab.com/{n}/{p}//.gitlab-ci.yml@{refPath}";
            claims["environment"] = c["environment"];
            if (c["environment"] is null)
            {
                // The claims of an environment come with it.
                claims["environment_protected"] = claims["environment_action"] = claims["deployment_tier"] = null;
            }

            return claims;
        })];
    }

    private static Family[] Terraform(Names names, string audience)
    {
        string[] named = ["sub", "terraform_full_workspace"];
        var organization = names.Global("organization", "outsider-org", NameKind.Name, ["terraform_organization_name", .. named]);
        var project = names.Scoped("project", "Default Project", ["terraform_project_name", .. named]);
        var workspace = names.Scoped("workspace", "outsider-workspace", ["terraform_workspace_name", .. named]);
        var phase = names.Free("run_phase", ["apply", "plan"], ["terraform_run_phase", "sub"]);
        var organizationId = names.Id("org-Outs1derOrgan1zat");
        var projectId = names.Id("prj-Outs1derProject00");
        var workspaceId = names.Id("ws-Outs1derWorkspace0");
        var runId = names.Id("run-Outs1derRun000000");
        return [new Family([organization, project, workspace, phase, names.Audience(audience)], c =>
        {
            var (o, p, w) = (c["organization"]!, c["project"]!, c["workspace"]!);
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["iss"] = "https://app.terraform.io",
                ["aud"] = c["aud"],
                ["sub"] = $"organization:{o}:project:{p}:workspace:{w}:run_phase:{c["run_phase"]}",
                ["terraform_organization_id"] = organizationId,
                ["terraform_organization_name"] = o,
                ["terraform_project_id"] = projectId,
                ["terraform_project_name"] = p,
                ["terraform_workspace_id"] = workspaceId,
                ["terraform_workspace_name"] = w,
                ["terraform_full_workspace"] = $"organization:{o}:project:{p}:workspace:{w}",
                ["terraform_run_phase"] = c["run_phase"],
                ["terraform_run_id"] = runId,
            };
        })];
    }

    /// <summary>ID tokens of a service account of the outsider's project, of a user of its own Workspace domain, and of a Gmail user.</summary>
    private static Family[] Google(Names names, string audience)
    {
        var subject = names.Id("109876543210987654321");
        var client = names.Id("918273645012-outsider.apps.googleusercontent.com");
        Dictionary<string, object?> Token(IReadOnlyDictionary<string, string?> c, string email, string? domain, string authorizedParty) => new(StringComparer.Ordinal)
        {
            ["iss"] = "https://accounts.google.com",
            ["aud"] = c["aud"],
            ["sub"] = subject,
            ["azp"] = authorizedParty,
            ["email"] = email,
            ["email_verified"] = true,
            ["hd"] = domain,
        };

        return
        [
            new([names.Scoped("account", "outsider-sa", ["email"]), names.Global("project", "outsider-project", NameKind.Name, ["email"]), names.Audience(audience)],
                c => Token(c, $"{c["account"]}@{c["project"]}.iam.gserviceaccount.com", null, subject)),
            new([names.Scoped("user", Outsider, ["email"]), names.Global("domain", "outsider.example", NameKind.Domain, ["email", "hd"]), names.Audience(audience)],
                c => Token(c, $"{c["user"]}@{c["domain"]}", c["domain"], client)),
            new([names.Global("gmail", "outsider.user", NameKind.Name, ["email"]), names.Audience(audience)],
                c => Token(c, $"{c["gmail"]}@gmail.com", null, client)),
        ];
    }

    private static Dictionary<string, object?> Chosen(IReadOnlyDictionary<string, string?> choice, string[] claims) =>
        claims.ToDictionary(c => c, c => (object?)choice[c], StringComparer.Ordinal);

    private static string Typical(string claim) => claim switch
    {
        "repository_visibility" or "project_visibility" => "public",
        "runner_environment" => "github-hosted",
        "ref_protected" or "environment_protected" => "false",
        "pipeline_source" => "push",
        "user_access_level" => "owner",
        "environment_action" => "start",
        "deployment_tier" => "production",
        "actor" or "user_login" => "outsider-user",
        "user_email" => "outsider@outsider.example",
        "workflow" => "deploy",
        "sha" or "workflow_sha" or "job_workflow_sha" or "ci_config_sha" => "0123456789abcdef0123456789abcdef01234567",
        _ => "1",
    };

    /// <summary>The workflow file a constant names (<c>.github/workflows/release.yml</c> in <c>myorg/app/.github/workflows/release.yml@refs/heads/main</c>).</summary>
    private static string? WorkflowPath(string literal)
    {
        var at = literal.IndexOf(".github/workflows/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = literal.IndexOf('@', at);
        return end < 0 ? literal[at..] : literal[at..end];
    }

    internal enum NameKind
    {
        /// <summary>A user or organization name: the outsider adds text before and after with hyphens.</summary>
        Name,

        /// <summary>A GitLab namespace: a name, or a subgroup of the outsider's group, which may end with any name.</summary>
        Nested,

        /// <summary>A domain the outsider registers: <c>outsider-example.org</c>, or a subdomain of its own.</summary>
        Domain,
    }

    /// <summary>The string constants of a condition, and the names, ids and values an outsider can build from them.</summary>
    private sealed partial class Names(IReadOnlyList<string> literals)
    {
        private readonly string[] _pieces = [.. literals.SelectMany(l => Separators().Split(l)).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(16)];

        public IReadOnlyList<string> Literals { get; } = [.. literals.Take(16)];

        /// <summary>A name of a namespace all customers share: never a constant (nor a piece of one), which another tenant holds.</summary>
        public Dimension Global(string name, string? fallback, NameKind kind, string[] feeds)
        {
            var taken = new HashSet<string>(Literals.Concat(_pieces), StringComparer.Ordinal);
            var built = _pieces.SelectMany(p => kind switch
            {
                NameKind.Domain => [$"{Outsider}-{p}", $"{p}.{Outsider}.example", $"{Outsider}-{p}.{Outsider}.example"],
                NameKind.Nested => [$"{p}-{Outsider}", $"{Outsider}-{p}", $"{Outsider}-{p}-{Outsider}", $"{Fresh(fallback ?? Outsider)}/{p}"],
                _ => new[] { $"{p}-{Outsider}", $"{Outsider}-{p}", $"{Outsider}-{p}-{Outsider}" },
            });
            string?[] first = fallback is null ? [null] : [Fresh(fallback)];
            return new Dimension(name, [.. first.Concat(built.Where(b => !taken.Contains(b))).Distinct(StringComparer.Ordinal)], [.. feeds]);
        }

        /// <summary>A name inside the outsider's own tenant: any text, constants and their pieces included (and ending with one, for a test of what a claim ends with).</summary>
        public Dimension Scoped(string name, string fallback, string[] feeds) =>
            new(name, [.. new[] { fallback }.Concat(_pieces).Concat(_pieces.Select(p => $"{Outsider}-{p}")).Distinct(StringComparer.Ordinal)], [.. feeds]);

        /// <summary>
        /// A claim the outsider sets: typical values, then the constants it may take (<paramref name="plausible"/>; and
        /// with <paramref name="afterAt"/> what follows an <c>@</c> in one, a ref).
        /// </summary>
        public Dimension Free(string claim, string?[] typical, string[] feeds, bool afterAt = false, Func<string, bool>? plausible = null)
        {
            var constants = Literals.Concat(afterAt ? Literals.Where(l => l.Contains('@', StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('@') + 1)..]) : []);
            return new(claim, [.. typical.Concat(constants.Where(plausible ?? (_ => true))).Distinct(StringComparer.Ordinal)], [.. feeds]);
        }

        /// <summary>The audience: the provider's (the outsider asks its issuer for any audience), or a constant.</summary>
        public Dimension Audience(string audience) => Free("aud", [audience], ["aud"]);

        /// <summary>An id of the outsider's own, equal to no constant.</summary>
        public string Id(string typical) => Fresh(typical);

        private string Fresh(string typical)
        {
            var value = typical;
            for (var n = 2; Literals.Contains(value, StringComparer.Ordinal) || _pieces.Contains(value, StringComparer.Ordinal); n++)
            {
                value = typical + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return value;
        }

        // What separates names inside a claim: `/` of a path, `:` of a subject, `@` of a ref or an email, spaces.
        [GeneratedRegex("[^A-Za-z0-9._-]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
        private static partial Regex Separators();
    }
}
