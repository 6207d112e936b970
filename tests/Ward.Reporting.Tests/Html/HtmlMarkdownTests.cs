using Ward.Reporting.Html;

namespace Ward.Reporting.Tests.Html;

/// <summary>
/// Remediation text as the technique catalogues write it (pathfinding.cloud's recommendations: bullets, numbered steps,
/// fenced policy examples, bold and code) becomes HTML blocks, every part encoded.
/// </summary>
public sealed class HtmlMarkdownTests
{
    [Fact]
    public void Bullets_code_blocks_and_paragraphs_become_their_HTML_blocks()
    {
        const string Remediation = """
            - Avoid the account root notation (`arn:aws:iam::012345678901:root`) for internal accounts.
            - Only allow trusted principals to assume sensitive roles.

            Example restrictive trust policy:
            ```json
            {
              "Principal": { "AWS": "arn:aws:iam::ACCOUNT_ID:role/<Trusted>" }
            }
            ```
            Additional controls:
            - **Require MFA**: use `aws:MultiFactorAuthPresent`
            """;

        var html = Render(Remediation);

        Assert.Equal(
            "<ul>\n<li>Avoid the account root notation (<code>arn:aws:iam::012345678901:root</code>) for internal accounts.</li>\n"
            + "<li>Only allow trusted principals to assume sensitive roles.</li>\n</ul>\n"
            + "<p>Example restrictive trust policy:</p>\n"
            + "<pre><code>{\n  &quot;Principal&quot;: { &quot;AWS&quot;: &quot;arn:aws:iam::ACCOUNT_ID:role/&lt;Trusted&gt;&quot; }\n}\n</code></pre>\n"
            + "<p>Additional controls:</p>\n"
            + "<ul>\n<li><strong>Require MFA</strong>: use <code>aws:MultiFactorAuthPresent</code></li>\n</ul>\n",
            html);
    }

    [Fact]
    public void Numbered_steps_become_an_ordered_list_and_lines_of_a_paragraph_join()
    {
        var html = Render("Rotate the key:\nfirst create the new one.\n\n1. Create a key\n2. Delete the old <key>");

        Assert.Equal("<p>Rotate the key: first create the new one.</p>\n<ol>\n<li>Create a key</li>\n<li>Delete the old &lt;key&gt;</li>\n</ol>\n", html);
    }

    [Fact]
    public void Markup_never_passes_and_unpaired_markers_are_shown_as_written()
    {
        var html = Render("<script>alert(1)</script> a ** b `c");

        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt; a ** b `c</p>\n", html);
    }

    [Fact]
    public void An_unclosed_code_block_is_closed_at_the_end()
    {
        Assert.Equal("<pre><code>aws iam list-roles\n</code></pre>\n", Render("```\naws iam list-roles"));
    }

    private static string Render(string text)
    {
        using var writer = new StringWriter();
        HtmlText.WriteMarkdown(writer, text);
        return writer.ToString();
    }
}
