using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules;

/// <summary>
/// The fingerprint of a finding about one Google Cloud role binding: the same role bound again under a condition is
/// another grant, with a finding (and fingerprint) of its own; an unconditional binding keeps the fingerprint it
/// always had, so baselines and suppressions stay valid. A condition is its title, description and expression together
/// (IAM keeps two bindings whose conditions differ only in title apart), so all three are part of it.
/// </summary>
internal static class GcpBindingFingerprint
{
    public static string Of(BindingCondition? condition, params string[] parts) =>
        condition is null ? Finding.FingerprintOf(parts) : Finding.FingerprintOf([.. parts, condition.Expression, condition.Title ?? string.Empty, condition.Description ?? string.Empty]);
}
