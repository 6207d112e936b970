using System.Globalization;
using System.Text;
using Ward.Analysis;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Reporting.Html;

/// <summary>
/// An escalation path as an inline SVG, drawn top to bottom: a box per principal (name and ARN) and, between two
/// boxes, an arrow labelled with the technique id and the actions it uses. Dashed when the step holds only under
/// conditions. Long names are cut to fit and given in full as the box's tooltip.
/// </summary>
internal static class PathDiagram
{
    private const int Width = 760;
    private const int Padding = 2;
    private const int BoxHeight = 46;
    private const int Gap = 72;
    private const int ArrowX = 40;
    private const int LabelX = 60;

    // Monospace text at 12px is about 7.2px a character: what fits in a box, and beside an arrow.
    private const int BoxChars = 100;
    private const int LabelChars = 92;

    public static string Render(Finding finding, EntitlementGraph graph)
    {
        var path = finding.Path;
        var principals = new List<string>(path.Length + 1) { path[0].From };
        principals.AddRange(path.Select(s => s.To));
        var height = (2 * Padding) + (principals.Count * BoxHeight) + ((principals.Count - 1) * Gap);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"path\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"")
            .Append(HtmlText.Encode($"Escalation path of {finding.Principal} in {path.Length} step(s)"))
            .Append("\">");

        for (var i = 0; i < principals.Count; i++)
        {
            var top = Padding + (i * (BoxHeight + Gap));
            var arn = principals[i];
            var node = graph.Nodes.GetValueOrDefault(new PrincipalId(arn));
            var classes = "node" + (node?.IsAdmin == true ? " admin" : string.Empty) + (i == principals.Count - 1 ? " target" : string.Empty);
            svg.Append("<g><title>").Append(HtmlText.Encode(arn)).Append(node?.AdminReason is { } reason ? HtmlText.Encode(" (admin: " + reason + ")") : string.Empty).Append("</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{classes}\" x=\"1\" y=\"{top}\" width=\"{Width - 2}\" height=\"{BoxHeight}\" rx=\"6\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"12\" y=\"{top + 19}\">")
                .Append(HtmlText.Encode(HtmlText.Truncate(ShortName(node, arn) + (node?.IsAdmin == true ? " \u2014 admin" : string.Empty), BoxChars - 10)))
                .Append("</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"sub\" x=\"12\" y=\"{top + 37}\">")
                .Append(HtmlText.Encode(HtmlText.Truncate(arn, BoxChars)))
                .Append("</text></g>");

            if (i == principals.Count - 1)
            {
                break;
            }

            var step = path[i];
            var conditional = !step.Requirements.IsDefaultOrEmpty;
            var edgeClass = conditional ? " conditional" : string.Empty;
            var from = top + BoxHeight;
            var to = from + Gap;
            var middle = from + (Gap / 2);
            var actions = string.Join(", ", step.Permissions.Select(p => p.Action).Distinct(StringComparer.Ordinal));
            svg.Append("<g><title>").Append(HtmlText.Encode(step.Description)).Append("</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"edge{edgeClass}\" x1=\"{ArrowX}\" y1=\"{from + 2}\" x2=\"{ArrowX}\" y2=\"{to - 10}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"head{edgeClass}\" points=\"{ArrowX - 6},{to - 11} {ArrowX + 6},{to - 11} {ArrowX},{to - 1}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"technique\" x=\"{LabelX}\" y=\"{middle - 4}\">")
                .Append(HtmlText.Encode(HtmlText.Truncate(step.Technique, LabelChars)))
                .Append("</text>");
            if (conditional)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"conditional\" x=\"{LabelX + 8 + (8 * Math.Min(step.Technique.Length, 30))}\" y=\"{middle - 4}\">only if requirements hold</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelX}\" y=\"{middle + 13}\">")
                .Append(HtmlText.Encode(HtmlText.Truncate(actions, LabelChars)))
                .Append("</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The name people use: the graph's label, else the last part of the ARN.</summary>
    private static string ShortName(GraphNode? node, string arn)
    {
        if (node is not null && !string.IsNullOrEmpty(node.Label))
        {
            return node.Label;
        }

        var cut = arn.LastIndexOfAny(['/', ':']);
        return cut >= 0 && cut < arn.Length - 1 ? arn[(cut + 1)..] : arn;
    }
}
