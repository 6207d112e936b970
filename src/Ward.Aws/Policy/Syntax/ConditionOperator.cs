namespace Ward.Aws.Policy.Syntax;

public enum BaseOperator
{
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>A condition operator as written, e.g. <c>ForAnyValue:StringLikeIfExists</c>.</summary>
public sealed record ConditionOperator(string Text, BaseOperator Base, bool IfExists, SetQualifier Set)
{
    /// <summary>Negated operators match when none of the values match, and when the key is absent.</summary>
    public bool IsNegated => Base is BaseOperator.StringNotEquals or BaseOperator.StringNotEqualsIgnoreCase
        or BaseOperator.StringNotLike or BaseOperator.NumericNotEquals or BaseOperator.DateNotEquals
        or BaseOperator.NotIpAddress or BaseOperator.ArnNotEquals or BaseOperator.ArnNotLike;

    private static readonly System.Buffers.SearchValues<char> LetterSet = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool TryParse(string text, out ConditionOperator? result)
    {
        result = null;
        var rest = text.AsSpan();
        var set = SetQualifier.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            set = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            set = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.Ordinal))
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        // Enum.TryParse also accepts `A,B` (ORing the values) and surrounding spaces: IAM accepts neither.
        if (rest.IsEmpty || !char.IsAsciiLetterUpper(rest[0]) || rest.ContainsAnyExcept(LetterSet)
            || !Enum.TryParse<BaseOperator>(rest, ignoreCase: false, out var baseOperator) || int.TryParse(rest, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        if (baseOperator == BaseOperator.Null && (ifExists || set != SetQualifier.None))
        {
            return false;
        }

        result = new ConditionOperator(text, baseOperator, ifExists, set);
        return true;
    }
}
