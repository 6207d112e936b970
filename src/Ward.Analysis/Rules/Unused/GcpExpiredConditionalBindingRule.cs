namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>gcp-expired-conditional-binding</c>: a binding whose condition can never hold again at the reference time,
/// because a clause of its top-level conjunction bounds <c>request.time</c> by a time already passed
/// (<c>request.time &lt; timestamp("2026-06-30T00:00:00Z")</c>): clean-up, low. Only that shape is recognised
/// (<see cref="Ward.Gcp.Policy.Conditions.ConditionExpiry"/>), so a binding that may still grant is never reported.
/// The finding's principal is the resource whose allow policy holds the binding.
/// </summary>
public sealed class GcpExpiredConditionalBindingRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-expired-conditional-binding",
        "Conditional binding that has expired",
        "unused",
        Severity.Low,
        "A binding's condition limits it to requests before a time that has passed (`request.time < timestamp(…)` in its top-level conjunction). It grants nothing now and never will again, but it stays in the allow policy: it still counts towards the policy's limits, reads like access someone has, and an edit of its condition would bring the access back.",
        "Remove the binding (`gcloud … remove-iam-policy-binding` with its `--condition`). For access meant to be temporary, grants with an expiry remain a good pattern; remove each once it has expired, or use Privileged Access Manager, which removes its grants itself.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/configuring-temporary-access", "https://cloud.google.com/iam/docs/conditions-overview"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        foreach (var policy in gcp.Estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            foreach (var binding in policy.Bindings)
            {
                if (gcp.ExpiredCondition(binding) is not { } expiry)
                {
                    continue;
                }

                var resource = gcp.ResourceLabel(policy.Resource);
                var condition = binding.Condition!;
                var title = condition.Title is { Length: > 0 } t ? $" (\"{t}\")" : string.Empty;
                var members = string.Join(", ", binding.Members.Select(m => $"`{m.Text}`"));
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = Metadata.DefaultSeverity,
                    Provider = "gcp",
                    Account = gcp.AccountOf(policy),
                    Principal = resource,
                    Title = $"`{binding.Role}` on `{resource}` expired on {Elapsed.Day(expiry.Until)}",
                    Explanation = $"The allow policy of `{resource}` binds `{binding.Role}` to {members} under the condition `{condition.Expression}`{title}. "
                        + (expiry.Clause == condition.Expression.Trim()
                            ? $"The condition has been false since {Elapsed.Ago(expiry.Until, context.ReferenceTime)} and is false for every later request"
                            : $"Its clause `{expiry.Clause}` has been false since {Elapsed.Ago(expiry.Until, context.ReferenceTime)}, and a conjunction with a false clause never holds")
                        + $": the binding grants nothing and never will again; {Elapsed.Reference(context)}.",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, policy.Resource, binding.Role, condition.Expression),
                };
            }
        }
    }
}
