using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a deny policy as <c>gcloud iam policies get ATTACHMENT_POINT/POLICY --kind=denypolicies --format=json</c>
/// writes it. <c>gcloud iam policies list</c> prints policies without their rules: such an entry is reported, as
/// what it denies is unknown.
/// </summary>
internal static class DenyPolicyReader
{
    private const string Prefix = "policies/";
    private const string Kind = "/denypolicies/";

    /// <summary>Whether a name is a deny policy's (<c>policies/…/denypolicies/…</c>).</summary>
    public static bool IsDenyPolicyName(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) && name.Contains(Kind, StringComparison.Ordinal);

    public static DenyPolicy? Read(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", requiredBy: "a deny policy")!;
        var attachment = Uri.UnescapeDataString(name[Prefix.Length..name.IndexOf(Kind, StringComparison.Ordinal)]);
        if (!attachment.StartsWith("cloudresourcemanager.googleapis.com/", StringComparison.Ordinal))
        {
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"deny policy `{name}` is attached to `{attachment}`, not to an organization, folder or project; skipped", entry.Path);
            return null;
        }

        if (!entry.Has("rules"))
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"deny policy `{name}` has no `rules` (`gcloud iam policies list` prints policies without them; export each with `gcloud iam policies get`): what it denies is unknown, and it is not applied", entry.Path);
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<DenyRule>();
        foreach (var rule in json.Objects(entry, "rules"))
        {
            if (json.Object(rule, "denyRule") is not { } deny)
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "a deny policy rule without a `denyRule` object; skipped", rule.Path);
                continue;
            }

            BindingCondition? condition = null;
            if (json.Object(deny, "denialCondition") is { } c)
            {
                // A rule whose condition cannot be read would deny more, or less, than it says: it is left out, reported.
                if (json.String(c, "expression", requiredBy: "a denial condition (the whole deny rule is)") is not { } expression)
                {
                    continue;
                }

                json.CheckCondition(expression, c.Path, "a deny rule");
                condition = new BindingCondition { Expression = expression, Title = json.String(c, "title"), Description = json.String(c, "description") };
            }

            var read = new DenyRule
            {
                DeniedPrincipals = json.Strings(deny, "deniedPrincipals"),
                ExceptionPrincipals = json.Strings(deny, "exceptionPrincipals"),
                DeniedPermissions = json.Strings(deny, "deniedPermissions"),
                ExceptionPermissions = json.Strings(deny, "exceptionPermissions"),
                DenialCondition = condition,
                Path = deny.Path,
            };
            if (read.DeniedPrincipals.IsEmpty || read.DeniedPermissions.IsEmpty)
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, "a deny rule without `deniedPrincipals` or `deniedPermissions` denies nothing", deny.Path);
                continue;
            }

            foreach (var permission in read.DeniedPermissions.Concat(read.ExceptionPermissions).Where(p => DenyPermission.TryParse(p, out _) is false))
            {
                json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{permission}` is not a permission in the deny-policy form `SERVICE.googleapis.com/RESOURCE.ACTION`; it matches nothing", deny.Path);
            }

            rules.Add(read);
        }

        return new DenyPolicy { Name = name, AttachmentPoint = "//" + attachment, DisplayName = json.String(entry, "displayName"), Rules = rules.ToImmutable(), Location = json.At(entry.Path) };
    }
}
