using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ward.Analysis;
using Ward.Reporting.Html;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Html;

public sealed partial class HtmlReporterTests
{
    private static readonly Lazy<string> SampleReport = new(() => Scans.Render(HtmlReporter.Write, Scans.Sample));

    private static readonly Lazy<string> HostileReport = new(() => Scans.Render(HtmlReporter.Write, Scans.Hostile));

    public static TheoryData<string> Payloads => [.. Scans.HtmlPayloads];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void No_attack_string_from_the_estate_survives_unescaped(string payload)
    {
        // Given an estate whose user, role, policy and statement names are attacks, and a finding whose every field is one
        var html = HostileReport.Value;

        // Then, outside the report's own script element at the end of the page, the attack appears nowhere as written
        var ownScript = ScriptElement().Match(html);
        Assert.EndsWith("</script>\n</body>\n</html>\n", html, StringComparison.Ordinal);
        Assert.Equal(html.Length, ownScript.Index + ownScript.Length + "\n</body>\n</html>\n".Length);
        Assert.DoesNotContain(payload, html[..ownScript.Index], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(payload, ownScript.Groups["body"].Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_hostile_names_are_shown_encoded_not_dropped()
    {
        var html = HostileReport.Value;

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_only_script_element_is_the_reports_own_and_no_element_has_an_event_handler()
    {
        var html = HostileReport.Value;

        Assert.Single(ScriptOpenings().Matches(html));
        Assert.Empty(EventHandlerAttributes().Matches(html));
    }

    [Fact]
    public void The_page_loads_nothing_and_links_only_to_web_references()
    {
        // Given both reports
        foreach (var html in new[] { SampleReport.Value, HostileReport.Value })
        {
            // Then every URL attribute is a reference link in an <a> (http or https), never a resource to load
            foreach (Match match in UrlAttributes().Matches(html))
            {
                var tag = html[html.LastIndexOf('<', match.Index)..(html.IndexOf('>', match.Index) + 1)];
                Assert.StartsWith("<a class=\"ref\" href=\"http", tag, StringComparison.Ordinal);
            }

            // And nothing is imported or fetched by the style
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(RemoteLoads().Matches(html));
        }
    }

    [Fact]
    public void Only_http_and_https_references_become_links()
    {
        var html = HostileReport.Value;

        // The hostile finding's javascript: and data: references are text; its https one is a link, encoded
        Assert.Contains("<a class=\"ref\" href=\"https://attacker.example/&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<li>docs/rules/hostile-rule.md</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_security_policy_allows_exactly_the_inline_style_and_script()
    {
        // Given the page's policy, style and script
        var html = SampleReport.Value;
        var policy = CspMeta().Match(html);
        Assert.True(policy.Success, "a Content-Security-Policy meta element");
        var style = StyleElement().Match(html).Groups["body"].Value;
        var script = ScriptElement().Match(html).Groups["body"].Value;

        // Then nothing may load, and the style and script are allowed by their own hashes
        var directives = policy.Groups["policy"].Value.Split(';', StringSplitOptions.TrimEntries).ToList();
        Assert.Contains("default-src 'none'", directives, StringComparer.Ordinal);
        Assert.Contains($"style-src '{Hash(style)}'", directives, StringComparer.Ordinal);
        Assert.Contains($"script-src '{Hash(script)}'", directives, StringComparer.Ordinal);
        Assert.DoesNotContain(directives, d => d.Contains("unsafe", StringComparison.Ordinal) || d.Contains("http", StringComparison.Ordinal));
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.Empty(StyleAttributes().Matches(html));
    }

    [Fact]
    public void The_header_states_reference_time_inputs_and_analyses_not_run()
    {
        var sample = SampleReport.Value;
        var hostile = HostileReport.Value;

        Assert.Contains("<time datetime=\"2026-03-16T09:15:00Z\">", sample, StringComparison.Ordinal);
        Assert.All(Scans.Sample.Inputs.Read, input => Assert.Contains(HtmlText.Encode(input.Path), sample, StringComparison.Ordinal));
        Assert.Contains("README.md</span>: not a JSON file", sample, StringComparison.Ordinal);
        Assert.All(Scans.Sample.Skipped, skipped => Assert.Contains(HtmlText.Encode(skipped.Analysis), sample, StringComparison.Ordinal));
        Assert.Contains("<li><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>: &quot;&gt;&lt;img", hostile, StringComparison.Ordinal);
        Assert.Contains("<p class=\"warn\">Not analysed: <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>", hostile, StringComparison.Ordinal);
        Assert.Equal(Scans.Sample.Skipped.Length, System.Text.RegularExpressions.Regex.Count(sample, "Not analysed:"));
    }

    [Fact]
    public void Every_finding_is_a_sortable_filterable_row_with_its_details()
    {
        var html = SampleReport.Value;
        var findings = Scans.Sample.Findings;

        // One tbody per finding, carrying the values the filters compare
        var bodies = FindingBodies().Matches(html);
        Assert.Equal(findings.Length, bodies.Count);
        Assert.All(bodies.Zip(findings), pair =>
        {
            var (body, finding) = pair;
            Assert.Equal(ScanFacts.Name(finding.Severity), body.Groups["severity"].Value);
            Assert.Equal(finding.RuleId, body.Groups["rule"].Value);
        });

        // Each with its fingerprint and remediation, and a details row the toggle controls
        Assert.All(findings, f => Assert.Contains($"<code>{f.Fingerprint}</code>", html, StringComparison.Ordinal));
        Assert.Equal(findings.Length, Regex.Count(html, "<tr class=\"details\" id=\"finding-\\d+-details\">"));
        Assert.Equal(findings.Length, Regex.Count(html, "aria-controls=\"finding-\\d+-details\""));

        // And filters offering every severity, category and rule
        Assert.All(Enum.GetValues<Severity>(), s => Assert.Contains($"<option value=\"{ScanFacts.Name(s)}\">", html, StringComparison.Ordinal));
        Assert.All(findings.Select(f => f.Category).Distinct(StringComparer.Ordinal), c => Assert.Contains($"<option value=\"{c}\">", html, StringComparison.Ordinal));
        Assert.All(RuleCatalog.All, r => Assert.Contains($"<option value=\"{r.Metadata.Id}\">", html, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_escalation_path_is_drawn_with_a_box_per_principal_and_a_labelled_arrow_per_step()
    {
        // Given the sample's findings that have a path
        var html = SampleReport.Value;
        var withPaths = Scans.Sample.Findings.Where(f => !f.Path.IsEmpty).ToList();
        Assert.NotEmpty(withPaths);

        // Then there is one diagram per path, with a box per principal and an arrow labelled with the technique
        var diagrams = Diagrams().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(withPaths.Count, diagrams.Count);
        Assert.All(diagrams.Zip(withPaths), pair =>
        {
            var (svg, finding) = pair;
            Assert.Equal(finding.Path.Length + 1, Regex.Count(svg, "<rect class=\"node"));
            Assert.Equal(finding.Path.Length, Regex.Count(svg, "<line class=\"edge"));
            Assert.All(finding.Path, step =>
            {
                Assert.Contains($"<text class=\"technique\" x=\"60\" y=\"", svg, StringComparison.Ordinal);
                Assert.Contains($">{step.Technique}</text>", svg, StringComparison.Ordinal);
                Assert.Contains(step.Permissions[0].Action, svg, StringComparison.Ordinal);
            });
            Assert.Contains("target", Regex.Matches(svg, "<rect class=\"(?<c>[^\"]+)\"")[^1].Groups["c"].Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_identities_table_has_a_row_per_analysed_identity_with_admin_verdict_and_findings()
    {
        var html = SampleReport.Value;
        var section = html[html.IndexOf("<section id=\"identities\">", StringComparison.Ordinal)..];
        var rows = IdentityRows().Matches(section).ToList();

        // Every user and role in the graph is listed, admins marked, and counts match the findings
        var nodes = Scans.Sample.Graph.Graph.Nodes.Values.Where(n => n.Kind is Core.Model.PrincipalKind.HumanUser or Core.Model.PrincipalKind.Role).ToList();
        Assert.True(rows.Count >= nodes.Count);
        Assert.All(nodes, node =>
        {
            var row = Assert.Single(rows, r => r.Groups["principal"].Value == node.Id.Value);
            Assert.Equal(node.IsAdmin ? "yes" : Scans.Sample.Graph.Admin.TryGetValue(node.Id, out var verdict) && verdict.IsConditionallyAdmin ? "conditional" : "no", row.Groups["admin"].Value);
            Assert.Equal(Scans.Sample.Findings.Count(f => f.Principal == node.Id.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), row.Groups["count"].Value);
        });
    }

    [Fact]
    public void Summary_counts_match_the_findings()
    {
        var html = SampleReport.Value;

        Assert.All(Enum.GetValues<Severity>(), severity =>
            Assert.Contains($"<div class=\"card sev-{ScanFacts.Name(severity)}\"><span class=\"n\">{Scans.Sample.Findings.Count(f => f.Severity == severity)}</span>", html, StringComparison.Ordinal));
        Assert.All(Scans.Sample.Findings.GroupBy(f => f.Category, StringComparer.Ordinal), group =>
            Assert.Contains($"<tr><td>{group.Key}</td><td class=\"num\">{group.Count()}</td></tr>", html, StringComparison.Ordinal));
    }

    [Fact]
    public void A_scan_without_findings_still_makes_a_complete_page()
    {
        var html = Scans.Render(HtmlReporter.Write, Scans.Empty);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("No findings.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tbody class=\"finding\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_scan_shows_the_most_severe_findings_of_each_rule_and_says_what_it_left_out()
    {
        // Given the sample's scan, rendered with at most two findings per rule and two identities
        const int Rows = 2;
        var findings = Scans.Sample.Findings;
        var html = Scans.Render((result, stream) => HtmlReporter.Write(result, stream, new ReportOptions { HtmlRows = Rows }), Scans.Sample);
        var crowded = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).Where(g => g.Count() > Rows).ToList();
        Assert.NotEmpty(crowded);

        // Then each rule shows its first (most severe) findings, up to the limit, and the others in full
        var shown = FindingBodies().Matches(html).Select(m => (Rule: m.Groups["rule"].Value, Severity: m.Groups["severity"].Value)).ToList();
        Assert.All(findings.GroupBy(f => f.RuleId, StringComparer.Ordinal), rule =>
            Assert.Equal(
                rule.Take(Rows).Select(f => ScanFacts.Name(f.Severity)),
                shown.Where(s => s.Rule == rule.Key).Select(s => s.Severity),
                StringComparer.Ordinal));

        // And the page says how many it shows, which rules it cut, and where the rest is
        var expectedShown = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).Sum(g => Math.Min(g.Count(), Rows));
        Assert.Contains($"This page shows {expectedShown:N0} of the {findings.Length:N0} findings: at most {Rows} per rule", html, StringComparison.Ordinal);
        Assert.All(crowded, rule => Assert.Contains($"<code>{rule.Key}</code> {Rows} of {rule.Count()}", html, StringComparison.Ordinal));
        Assert.Contains("<code>--html-rows 0</code>", html, StringComparison.Ordinal);

        // And the summary still counts every finding
        Assert.All(Enum.GetValues<Severity>(), severity =>
            Assert.Contains($"<div class=\"card sev-{ScanFacts.Name(severity)}\"><span class=\"n\">{findings.Count(f => f.Severity == severity)}</span>", html, StringComparison.Ordinal));

        // And the identities table keeps the two with the most severe findings
        var section = html[html.IndexOf("<section id=\"identities\">", StringComparison.Ordinal)..];
        var identities = IdentityRows().Matches(section).ToList();
        Assert.Equal(Rows, identities.Count);
        Assert.Contains("identities: those with the most severe findings, then the most findings.", section, StringComparison.Ordinal);
        var worst = findings.Max(f => f.Severity);
        Assert.All(identities, row => Assert.Contains(findings, f => f.Severity == worst && (f.Principal == row.Groups["principal"].Value || ScanFacts.Principal(f) == row.Groups["principal"].Value)));
    }

    [Fact]
    public void Every_finding_is_on_the_page_when_the_limit_is_lifted_or_not_reached()
    {
        var all = Scans.Render((result, stream) => HtmlReporter.Write(result, stream, new ReportOptions { HtmlRows = 0 }), Scans.Sample);
        var byDefault = SampleReport.Value;

        Assert.Equal(Scans.Sample.Findings.Length, FindingBodies().Count(all));
        Assert.Equal(Scans.Sample.Findings.Length, FindingBodies().Count(byDefault));
        Assert.DoesNotContain("meta limited", all, StringComparison.Ordinal);
        Assert.DoesNotContain("meta limited", byDefault, StringComparison.Ordinal);
    }

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpenings();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttributes();

    [GeneratedRegex(@"\b(?:src|href|action|formaction|poster|data|xlink:href|srcset|background)\s*=\s*[""']?\s*(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttributes();

    [GeneratedRegex(@"<(?:img|iframe|link|object|embed|frame|audio|video|source|base|form)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteLoads();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttributes();

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"(?<policy>[^\"]+)\">")]
    private static partial Regex CspMeta();

    [GeneratedRegex("<style>(?<body>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex("<script>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("<tbody class=\"finding\" data-severity=\"(?<severity>[^\"]*)\" data-category=\"(?<category>[^\"]*)\" data-rule=\"(?<rule>[^\"]*)\">")]
    private static partial Regex FindingBodies();

    [GeneratedRegex("<svg class=\"path\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Diagrams();

    [GeneratedRegex("<tr data-kind=\"[^\"]*\" data-admin=\"[^\"]*\" data-findings=\"[^\"]*\"><td class=\"mono\">(?<principal>[^<]*)</td>.*?<td class=\"admin-[a-z]+\">(?<admin>[a-z]+)</td><td class=\"num\">(?<count>\\d+)</td>")]
    private static partial Regex IdentityRows();
}
