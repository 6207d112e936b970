using Ward.Core.Graph;

namespace Ward.Gcp.Edges;

/// <summary>
/// A Google-managed account that a service runs a project's work as, its email naming the project's number
/// (<c>PROJECT_NUMBER@cloudbuild.gserviceaccount.com</c>, <c>service-PROJECT_NUMBER@gcp-sa-aiplatform-cc.iam.gserviceaccount.com</c>):
/// whoever may start that work in the project runs it as the account, with no <c>actAs</c> on it. Such an account is
/// a node only when a policy names it (it holds a role), so only those are checked.
/// </summary>
/// <param name="Prefix">What comes before the project number in the email (often nothing).</param>
/// <param name="Domain">What follows the project number, from the <c>@</c>.</param>
/// <param name="Name">What the account is, for descriptions (<c>the legacy Cloud Build service account</c>).</param>
internal sealed record ProjectServiceAgent(string Prefix, string Domain, string Name)
{
    /// <summary>
    /// An edge to each such account from every principal the evaluator does not deny the permission in its project.
    /// <paramref name="does"/> says what the holder does, given how the account and the project are named.
    /// </summary>
    public IEnumerable<Edge> Edges(GcpEdgeContext context, IReadOnlySet<string>? targets, string technique, string permission, Func<string, string, string> does)
    {
        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (ProjectNumber(email) is not { } number || context.FindProject("projects/" + number) is not { } project || context.ContainerResource(project) is not { } resource)
            {
                continue;
            }

            var projectName = OwnerEquivalence.Label(project);
            var description = does($"{Name} `{email}`", projectName);
            foreach (var holder in context.WhoCan(permission, resource).Where(h => h.Principal != account))
            {
                if (context.EdgeIf(technique, holder.Principal, account, description, [new EdgeStep(permission, projectName, holder.Decision)]) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    private string? ProjectNumber(string email) =>
        email.Length > Prefix.Length + Domain.Length && email.StartsWith(Prefix, StringComparison.Ordinal) && email.EndsWith(Domain, StringComparison.Ordinal)
            ? email[Prefix.Length..^Domain.Length]
            : null;
}
