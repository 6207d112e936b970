using System.Collections.Immutable;

namespace Ward.Aws.Policy.Syntax;

/// <summary>One operator/key pair of a <c>Condition</c> block with its values (OR across values).</summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, ImmutableArray<string> Values, bool ValuesIsArray)
{
    private string? _display;

    /// <summary>The clause as explanations show it, e.g. <c>Bool aws:MultiFactorAuthPresent true</c> (formatted once).</summary>
    public override string ToString() =>
        _display ??= $"{Operator.Text} {Key} {(Values.Length == 1 ? Values[0] : "[" + string.Join(", ", Values) + "]")}";
}
