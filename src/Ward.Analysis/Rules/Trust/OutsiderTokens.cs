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
/// environment, the event …) take typical values and the constants. Tokens only some outsiders can obtain (calling
/// another's reusable workflow, a subject template of its own) carry why (<see cref="Token.Caveat"/>). The claims
/// follow the issuers' documentation:
/// GitHub's "OpenID Connect reference", GitLab's "ID token authentication", HCP Terraform's "workload identity" token
/// and Google's ID tokens of service accounts and users.
/// </summary>
internal static partial class OutsiderTokens
{
    private const string Outsider = "outsider";

    /// <summary>A choice of the outsider: its candidate values (the first typical; null: the token lacks the claim), and the claims it shows in.</summary>
    internal sealed record Dimension(string Name, ImmutableArray<string?> Values, ImmutableArray<string> Feeds);

    /// <summary>
    /// A token an outsider can obtain: its claims, and why it may not be obtainable (null: any customer can): a job
    /// calling another's reusable workflow (the visibility and access settings of that workflow's repository decide who
    /// may), or a subject template of the outsider's own.
    /// </summary>
    internal sealed record Token(Dictionary<string, object?> Claims, string? Caveat);

    /// <summary>One kind of token (a GitHub Actions job; a Google service account's ID token …): its choices and how the claims follow from them (null: no such token).</summary>
    internal sealed record Family(ImmutableArray<Dimension> Dimensions, Func<IReadOnlyDictionary<string, string?>, Token?> Build, string? OnlyIfRead = null);

    /// <summary>
    /// Every token of an issuer's families, varying only the choices that show in a claim the condition reads
    /// (<paramref name="read"/>). With <paramref name="insiders"/> the names all customers share may also be the
    /// condition's constants (the tenant's own tokens, for telling whether a condition constrains anything).
    /// </summary>
    public static IEnumerable<Token> Of(string issuer, string audience, IReadOnlyList<string> literals, Func<string, bool> read, bool insiders = false)
    {
        var names = new Names(literals, insiders);
        var families = issuer switch
        {
            "https://token.actions.githubusercontent.com" => GitHub(names, audience),
            "https://gitlab.com" => GitLab(names, audience),
            "https://app.terraform.io" => Terraform(names, audience),
            "https://accounts.google.com" => Google(names, audience),
            _ => [],
        };
        foreach (var family in families.Where(f => f.OnlyIfRead is null || read(f.OnlyIfRead)))
        {
            var dimensions = family.Dimensions.Select(d => d.Feeds.Any(read) ? d : d with { Values = [d.Values[0]] }).ToList();
            foreach (var choice in Product(dimensions))
            {
                if (family.Build(choice) is { } token)
                {
                    yield return token;
                }
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

    private static Family[] GitHub(Names names, string audience) =>
        [GitHubJob(names, audience, null), .. SubjectTemplates(names.Literals).Select(t => GitHubJob(names, audience, t))];

    /// <summary>
    /// The tokens of a GitHub Actions job, with the default subject (<paramref name="template"/> null) or with a
    /// template of the outsider's own (its keys): a choice varies the subject only through the keys it shows in.
    /// </summary>
    private static Family GitHubJob(Names names, string audience, string[]? template)
    {
        var keys = template ?? ["repo", "context"];
        string[] Feeds(string[] claims, params string[] subjectKeys) => [.. claims, .. subjectKeys.Intersect(keys, StringComparer.Ordinal).Any() ? ["sub"] : Array.Empty<string>()];
        var owner = names.Global("owner", "outsider-org", NameKind.Name, Feeds(["repository_owner", "repository", "job_workflow_ref", "workflow_ref"], "repo", "repository", "repository_owner", "workflow_ref", "job_workflow_ref"));
        var repository = names.Scoped("repository", "outsider-repo", Feeds(["repository", "job_workflow_ref", "workflow_ref"], "repo", "repository", "workflow_ref", "job_workflow_ref"));
        var enterprise = names.Global("enterprise", null, NameKind.Name, Feeds(["enterprise", "enterprise_id"], "enterprise", "enterprise_id"));

        // The actor is a GitHub login, of the namespace organizations share: the outsider's own, never another's.
        var actor = names.Global("actor", "outsider-user", NameKind.Name, Feeds(["actor"], "actor"));
        var workflow = new Dimension("workflow_file", [".github/workflows/deploy.yml", .. names.Literals.Select(WorkflowPath).OfType<string>()], [.. Feeds(["job_workflow_ref", "workflow_ref"], "workflow_ref", "job_workflow_ref")]);
        var segments = template is not null;
        var reference = names.Free("ref", ["refs/heads/main", "refs/heads/outsider", "refs/tags/v1"], Feeds(["ref", "ref_type", "job_workflow_ref", "workflow_ref"], "context", "ref", "ref_type", "workflow_ref", "job_workflow_ref"), afterAt: true, plausible: r => r.StartsWith("refs/", StringComparison.Ordinal), segments: segments);
        var environment = names.Free("environment", [null, "production"], Feeds(["environment"], "context", "environment"), segments: segments);
        var eventName = names.Free("event_name", ["push", "pull_request", "workflow_dispatch"], Feeds(["event_name"], "context", "event_name"), segments: segments);

        // A job calling a reusable workflow gets the called workflow's `job_workflow_ref` with the caller's repository.
        var called = new Dimension("called_workflow", [null, .. names.Literals.Select(CalledWorkflow).OfType<string>().Distinct(StringComparer.Ordinal)], [.. Feeds(["job_workflow_ref", "job_workflow_sha"], "job_workflow_ref", "job_workflow_sha")]);
        var ownerId = names.Id("918273645");
        var repositoryId = names.Id("827364519");
        var enterpriseId = names.Id("73645");
        var actorId = names.Id("7364519");
        var runId = names.Id("9182736450");
        string[] chosen = ["workflow", "repository_visibility", "runner_environment", "ref_protected", "base_ref", "head_ref", "run_number", "run_attempt", "sha", "workflow_sha"];
        Dimension[] dimensions = [owner, repository, enterprise, actor, workflow, reference, environment, eventName, called, names.Audience(audience), .. chosen.Select(c => names.Free(c, [Typical(c)], c == "workflow_sha" ? Feeds([c, "job_workflow_sha"], c, "job_workflow_sha") : Feeds([c], c), segments: segments))];
        if (template is not null)
        {
            // The default subject's family tries the names with every claim; one of a template only the names its subject shows, to keep the tokens few.
            Dimension[] shared = [owner, repository, enterprise, actor];
            dimensions = [.. dimensions.Select(d => shared.Contains(d) && !d.Feeds.Contains("sub", StringComparer.Ordinal) ? d with { Values = [d.Values[0]] } : d)];
        }

        return new Family([.. dimensions], c =>
        {
            var (o, r, @ref, env, ev) = (c["owner"]!, c["repository"]!, c["ref"]!, c["environment"], c["event_name"]!);
            var claims = Chosen(c, chosen);
            claims["iss"] = "https://token.actions.githubusercontent.com";
            claims["aud"] = c["aud"];
            claims["actor"] = c["actor"];
            claims["actor_id"] = actorId;
            claims["run_id"] = runId;
            claims["repository_owner"] = o;
            claims["repository_owner_id"] = ownerId;
            claims["repository"] = $"{o}/{r}";
            claims["repository_id"] = repositoryId;
            claims["ref"] = @ref;
            claims["ref_type"] = @ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch";
            claims["environment"] = env;
            claims["event_name"] = ev;
            claims["workflow_ref"] = $"{o}/{r}/{c["workflow_file"]}@{@ref}";
            claims["job_workflow_ref"] = c["called_workflow"] ?? claims["workflow_ref"];
            claims["job_workflow_sha"] = c["called_workflow"] is null ? claims["workflow_sha"] : Typical("sha");
            claims["enterprise"] = c["enterprise"];
            claims["enterprise_id"] = c["enterprise"] is null ? null : enterpriseId;

            // The context follows the job: its environment, else a pull request, else the ref.
            var context = env is not null ? $"environment:{env}" : ev == "pull_request" ? "pull_request" : $"ref:{@ref}";
            var caveat = c["called_workflow"] is { } w
                ? $"a job that calls the reusable workflow `{w[..w.IndexOf('@', StringComparison.Ordinal)]}` (any repository may call a workflow of a public repository; those of its organization or enterprise one of an internal or private repository whose access settings allow it)"
                : null;
            var parts = new List<string>();
            foreach (var key in keys)
            {
                var value = key switch
                {
                    "repo" => $"repo:{o}/{r}",
                    "context" => context,
                    _ => claims.GetValueOrDefault(key) is { } v ? $"{key}:{v}" : null,
                };
                if (value is null)
                {
                    // No token for a job without the claim (GitHub requires an environment of a job whose template names it).
                    return null;
                }

                parts.Add(value);
            }

            claims["sub"] = string.Join(':', parts);
            if (template is null)
            {
                return new Token(claims, caveat);
            }

            var own = $"a repository that sets its own subject template (`include_claim_keys` {string.Join(", ", template.Select(k => $"`{k}`"))})";
            return new Token(claims, caveat is null ? own : $"{caveat}, in {own}");
        }, template is null ? null : "sub");
    }

    /// <summary>
    /// The keys GitHub takes in a subject template: <c>repo</c>, <c>context</c> (what the default subject puts after
    /// the repository) and the claims GitHub adds to its tokens. The default template is <c>repo</c>, <c>context</c>.
    /// </summary>
    private static readonly string[] SubjectKeys =
    [
        "repo", "context", "actor", "actor_id", "base_ref", "enterprise", "enterprise_id", "environment", "event_name", "head_ref",
        "job_workflow_ref", "job_workflow_sha", "ref", "ref_protected", "ref_type", "repository", "repository_id", "repository_owner",
        "repository_owner_id", "repository_visibility", "run_attempt", "run_id", "run_number", "runner_environment", "sha", "workflow",
        "workflow_ref", "workflow_sha",
    ];

    /// <summary>
    /// The subject templates an outsider may set, as their keys: each key a constant names (<c>job_workflow_ref</c> in
    /// <c>job_workflow_ref:…</c>) alone, the keys a constant names in its order (<c>repo</c>, <c>environment</c>,
    /// <c>job_workflow_ref</c> in <c>repo:o/r:environment:prod:job_workflow_ref:…</c>), and one of a claim whose
    /// value is free text (<c>environment</c>, <c>workflow</c>), which meets a suffix or substring test of any constant.
    /// Not every key alone: each template is a family of tokens to try.
    /// </summary>
    private static IEnumerable<string[]> SubjectTemplates(IReadOnlyList<string> literals)
    {
        var named = literals.Select(l => l.Split(':').Select(p => p == "pull_request" ? "context" : p).Where(p => SubjectKeys.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray())
            .Where(t => t.Length > 0).Take(16).ToList();
        return named.SelectMany(t => t).Select(k => new[] { k }).Concat(named).Prepend(["workflow"]).Prepend(["environment"])
            .Select(t => string.Join(',', t)).Distinct(StringComparer.Ordinal)
            .Where(t => t is not ("repo,context" or "repo,ref" or "repo,environment")).Select(t => t.Split(','));
    }

    /// <summary>
    /// The reusable workflow a constant names, with the ref it is called at (<c>octo-org/shared/.github/workflows/deploy.yml@refs/heads/main</c>;
    /// the default branch's when the constant ends at the <c>@</c>).
    /// </summary>
    private static string? CalledWorkflow(string literal) =>
        CalledWorkflowPattern().Match(literal) is { Success: true } m
            ? $"{m.Groups["path"].Value}@{(m.Groups["ref"].Value.Length > 0 ? m.Groups["ref"].Value : "refs/heads/main")}"
            : null;

    [GeneratedRegex("(?<path>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/\\.github/workflows/[^@:\\s]+)(?:@(?<ref>[^:\\s]*))?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CalledWorkflowPattern();

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

        // The user's login is a GitLab.com username, of the namespace groups share; its email an address it holds.
        var login = names.Global("user_login", "outsider-user", NameKind.Name, ["user_login"]);
        var email = names.Email("user_email", ["user_email"]);
        var ids = new Dictionary<string, object?>(StringComparer.Ordinal) { ["user_id"] = names.Id("7364519"), ["pipeline_id"] = names.Id("918273645"), ["job_id"] = names.Id("827364519") };
        string[] chosen = ["user_access_level", "pipeline_source", "ref_protected", "runner_id", "runner_environment", "sha", "ci_config_sha", "project_visibility", "environment_protected", "environment_action", "deployment_tier"];
        Dimension[] dimensions = [@namespace, project, reference, refType, environment, login, email, names.Audience(audience), .. chosen.Select(c => names.Free(c, [Typical(c)], [c]))];
        return [new Family([.. dimensions], c =>
        {
            var (n, p, @ref, type) = (c["namespace"]!, c["project"]!, c["ref"]!, c["ref_type"]!);
            var claims = Chosen(c, chosen);
            foreach (var (claim, id) in ids)
            {
                claims[claim] = id;
            }

            claims["user_login"] = c["user_login"];
            claims["user_email"] = c["user_email"];
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

            return new Token(claims, null);
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
            return new Token(new Dictionary<string, object?>(StringComparer.Ordinal)
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
            }, null);
        })];
    }

    /// <summary>ID tokens of a service account of the outsider's project, of a user of its own Workspace domain, and of a Gmail user.</summary>
    private static Family[] Google(Names names, string audience)
    {
        var subject = names.Id("109876543210987654321");
        var client = names.Id("918273645012-outsider.apps.googleusercontent.com");
        Token IdToken(IReadOnlyDictionary<string, string?> c, string email, string? domain, string authorizedParty) => new(new(StringComparer.Ordinal)
        {
            ["iss"] = "https://accounts.google.com",
            ["aud"] = c["aud"],
            ["sub"] = subject,
            ["azp"] = authorizedParty,
            ["email"] = email,
            ["email_verified"] = true,
            ["hd"] = domain,
        }, null);

        return
        [
            new([names.Scoped("account", "outsider-sa", ["email"]), names.Global("project", "outsider-project", NameKind.Name, ["email"]), names.Audience(audience)],
                c => IdToken(c, $"{c["account"]}@{c["project"]}.iam.gserviceaccount.com", null, subject)),
            new([names.Scoped("user", Outsider, ["email"]), names.Global("domain", "outsider.example", NameKind.Domain, ["email", "hd"]), names.Audience(audience)],
                c => IdToken(c, $"{c["user"]}@{c["domain"]}", c["domain"], client)),
            new([names.Global("gmail", "outsider.user", NameKind.Name, ["email"]), names.Audience(audience)],
                c => IdToken(c, $"{c["gmail"]}@gmail.com", null, client)),
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

    /// <summary>
    /// The string constants of a condition, and the names, ids and values an outsider can build from them; with
    /// <paramref name="insiders"/> global names may be the constants too (the tenant's own).
    /// </summary>
    private sealed partial class Names(IReadOnlyList<string> literals, bool insiders)
    {
        private readonly string[] _pieces = [.. literals.SelectMany(l => Separators().Split(l)).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(16)];

        public IReadOnlyList<string> Literals { get; } = [.. literals.Take(16)];

        /// <summary>A name of a namespace all customers share: never a constant (nor a piece of one), which another tenant holds.</summary>
        public Dimension Global(string name, string? fallback, NameKind kind, string[] feeds)
        {
            var taken = new HashSet<string>(Literals.Concat(_pieces), StringComparer.Ordinal);
            var built = _pieces.SelectMany(p => kind switch
            {
                NameKind.Domain => DomainsAround(p),
                NameKind.Nested => [$"{p}-{Outsider}", $"{Outsider}-{p}", $"{Outsider}-{p}-{Outsider}", $"{Fresh(fallback ?? Outsider)}/{p}"],
                _ => new[] { $"{p}-{Outsider}", $"{Outsider}-{p}", $"{Outsider}-{p}-{Outsider}" },
            });
            string?[] first = fallback is null ? [null] : [Fresh(fallback)];
            var values = first.Concat(built.Where(b => !taken.Contains(b)));
            return new Dimension(name, [.. (insiders ? values.Concat(taken) : values).Distinct(StringComparer.Ordinal)], [.. feeds]);
        }

        /// <summary>
        /// The domains an outsider can hold that begin, end with or contain a piece: valid names (labels of letters,
        /// digits and inner hyphens), none the condition's domain or under it (a subdomain is its owner's). A piece
        /// that begins with <c>.</c> only ends a name of the domain it names (<c>outsider.com</c> for <c>.com</c>).
        /// </summary>
        private IEnumerable<string> DomainsAround(string piece)
        {
            string[] built = piece.StartsWith('.')
                ? [$"{Outsider}{piece}", $"{Outsider}{piece}.{Outsider}.example"]
                : [$"{Outsider}-{piece}", $"{piece}.{Outsider}.example", $"{Outsider}-{piece}.{Outsider}.example"];
            var others = _pieces.Concat(Literals).Select(d => d.Trim('.').ToLowerInvariant()).Where(d => d.Contains('.', StringComparison.Ordinal) && IsDomain(d) && !IsPublicSuffix(d)).ToList();
            return built.Where(d => IsDomain(d) && !others.Exists(o => d.Equals(o, StringComparison.OrdinalIgnoreCase) || d.EndsWith("." + o, StringComparison.OrdinalIgnoreCase)));
        }

        /// <summary>
        /// A registry's second level under a country code (<c>co.uk</c>, <c>com.au</c>, <c>ac.jp</c>): names under it are
        /// registered by anyone, as under <c>.org</c>, so it owns none of them. The shapes of the Public Suffix List's
        /// country-code entries, not the whole list.
        /// </summary>
        private static bool IsPublicSuffix(string domain) =>
            domain.Split('.') is [var second, var country] && country.Length == 2 && country.All(char.IsAsciiLetter) && RegistrySecondLevels.Contains(second);

        private static readonly HashSet<string> RegistrySecondLevels = new(["co", "com", "net", "org", "ac", "edu", "gov", "go", "gob", "or", "ne", "ltd", "plc", "nom", "info", "biz", "me", "mil", "nic"], StringComparer.OrdinalIgnoreCase);

        private static bool IsDomain(string name) =>
            name.Length <= 253 && name.Split('.') is var labels && labels.Length > 1 && Array.TrueForAll(labels, l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

        /// <summary>A name inside the outsider's own tenant: any text, constants and their pieces included (and ending with one, for a test of what a claim ends with).</summary>
        public Dimension Scoped(string name, string fallback, string[] feeds) =>
            new(name, [.. new[] { fallback }.Concat(_pieces).Concat(_pieces.Select(p => $"{Outsider}-{p}")).Distinct(StringComparer.Ordinal)], [.. feeds]);

        /// <summary>
        /// A claim the outsider sets: typical values, then the constants it may take (<paramref name="plausible"/>; with
        /// <paramref name="afterAt"/> what follows an <c>@</c> in one, a ref; with <paramref name="segments"/> what lies
        /// between the <c>:</c> of one, a value of a subject template).
        /// </summary>
        public Dimension Free(string claim, string?[] typical, string[] feeds, bool afterAt = false, Func<string, bool>? plausible = null, bool segments = false)
        {
            var constants = Literals.Concat(afterAt ? Literals.Where(l => l.Contains('@', StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('@') + 1)..]) : [])
                .Concat(segments ? Literals.SelectMany(l => l.Split(':')).Where(p => p.Length > 0) : []);
            return new(claim, [.. typical.Concat(constants.Where(plausible ?? (_ => true))).Distinct(StringComparer.Ordinal)], [.. feeds]);
        }

        /// <summary>
        /// An email address the outsider holds: any mailbox of a domain of its own (<see cref="NameKind.Domain"/>), or a
        /// Gmail address, whose name all Gmail users share.
        /// </summary>
        public Dimension Email(string claim, string[] feeds)
        {
            var domains = Global(claim, "outsider.example", NameKind.Domain, feeds).Values.OfType<string>().ToList();
            var mailboxes = Global(claim, "outsider.user", NameKind.Name, feeds).Values.OfType<string>();
            var values = domains.Take(1).SelectMany(d => new[] { Outsider }.Concat(_pieces).Select(p => $"{p}@{d}"))
                .Concat(domains.Skip(1).Select(d => $"{Outsider}@{d}"))
                .Concat(mailboxes.Select(m => $"{m}@gmail.com"))
                .Concat(insiders ? Literals : []);
            return new(claim, [.. values.Distinct(StringComparer.Ordinal)], [.. feeds]);
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
