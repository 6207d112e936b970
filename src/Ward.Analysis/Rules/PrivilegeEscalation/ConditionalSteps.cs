using Ward.Core.Graph;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>The sentence a path finding's explanation ends with when some of its steps hold only under conditions.</summary>
public static class ConditionalSteps
{
    /// <summary>
    /// The conditions quoted, each once (empty when every step is certain): a reader sees what the path still needs,
    /// such as a victim's password, without opening each step.
    /// </summary>
    public static string Note(IEnumerable<Edge> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var requirements = path.SelectMany(e => e.Requirements.IsDefault ? [] : e.Requirements).Distinct(StringComparer.Ordinal).ToList();
        return requirements.Count == 0 ? string.Empty : $" Some steps hold only under conditions Ward could not decide: {string.Join("; ", requirements)}.";
    }
}
