using System.Collections.Immutable;

namespace Ward.Aws.Policy.Syntax;

/// <summary>One operator/key pair of a <c>Condition</c> block with its values (OR across values).</summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, ImmutableArray<string> Values, bool ValuesIsArray)
{
    public override string ToString() =>
        $"{Operator.Text} {Key} {(Values.Length == 1 ? Values[0] : "[" + string.Join(", ", Values) + "]")}";
}
