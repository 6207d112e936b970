using System.Globalization;
using System.Net;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Policy.Conditions;

/// <summary>
/// Evaluates one condition clause against a request context, following the IAM documentation:
/// OR across values, negated operators match when no value matches or the key is absent, <c>IfExists</c> matches an
/// absent key, <c>ForAllValues</c> is true for an absent or empty key, <c>ForAnyValue</c> false for one.
/// </summary>
public static class ConditionEvaluator
{
    public static Tri Evaluate(ConditionClause clause, RequestContext context, bool supportsVariables)
    {
        var op = clause.Operator;
        var state = context.Lookup(clause.Key, out var value);
        if (op.Base == BaseOperator.Null)
        {
            if (state == KeyState.Unknown)
            {
                return Tri.Unknown;
            }

            var goal = state == KeyState.Present ? "false" : "true";
            return clause.Values.Any(v => string.Equals(v, goal, StringComparison.OrdinalIgnoreCase)).ToTri();
        }

        if (state == KeyState.Unknown)
        {
            return Tri.Unknown;
        }

        switch (op.Set)
        {
            case SetQualifier.ForAnyValue:
                if (state == KeyState.Absent)
                {
                    // IfExists makes an absent key match, set qualifier or not (condition operators page).
                    return op.IfExists.ToTri();
                }

                return AnyValue(clause, value, context, supportsVariables);
            case SetQualifier.ForAllValues:
                if (state == KeyState.Absent)
                {
                    return Tri.True;
                }

                return AllValues(clause, value, context, supportsVariables);
            default:
                if (state == KeyState.Absent)
                {
                    return (op.IfExists || op.IsNegated).ToTri();
                }

                // A single-valued operator applied to a multivalued key never matches; use ForAnyValue/ForAllValues.
                if (value.IsMultivalued)
                {
                    return Tri.False;
                }

                return MatchesOneRequestValue(clause, value.Text!, context, supportsVariables);
        }
    }

    private static Tri AnyValue(ConditionClause clause, ContextValue value, RequestContext context, bool supportsVariables)
    {
        var result = Tri.False;
        foreach (var requestValue in value.Values)
        {
            var one = MatchesOneRequestValue(clause, requestValue, context, supportsVariables);
            if (one == Tri.True)
            {
                return Tri.True;
            }

            if (one == Tri.Unknown)
            {
                result = Tri.Unknown;
            }
        }

        return result;
    }

    private static Tri AllValues(ConditionClause clause, ContextValue value, RequestContext context, bool supportsVariables)
    {
        var result = Tri.True;
        foreach (var requestValue in value.Values)
        {
            result = result.And(MatchesOneRequestValue(clause, requestValue, context, supportsVariables));
            if (result == Tri.False)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>Applies the operator to one request value against all policy values (OR, or NOR when negated).</summary>
    private static Tri MatchesOneRequestValue(ConditionClause clause, string requestValue, RequestContext context, bool supportsVariables)
    {
        var negated = clause.Operator.IsNegated;
        var sawUnknown = false;
        foreach (var policyValue in clause.Values)
        {
            var compared = ComparePositive(clause.Operator.Base, requestValue, policyValue, context, supportsVariables);
            switch (compared)
            {
                case Comparison.Unknown:
                    sawUnknown = true;
                    break;
                case Comparison.Match when !negated:
                    return Tri.True;
                case Comparison.Match or Comparison.Invalid when negated:
                    return Tri.False;
            }
        }

        if (sawUnknown)
        {
            return Tri.Unknown;
        }

        return negated.ToTri();
    }

    private enum Comparison
    {
        NoMatch,
        Match,

        /// <summary>The values cannot be compared (not a number, not an ARN, variable without value).</summary>
        Invalid,
        Unknown,
    }

    /// <summary>Compares with the positive form of the operator (StringNotEquals compares as StringEquals).</summary>
    private static Comparison ComparePositive(BaseOperator op, string requestValue, string policyValue, RequestContext context, bool supportsVariables)
    {
        switch (op)
        {
            case BaseOperator.StringEquals or BaseOperator.StringNotEquals:
                return Literal(policyValue, context, supportsVariables, out var literal) ?? From(string.Equals(literal, requestValue, StringComparison.Ordinal));
            case BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringNotEqualsIgnoreCase:
                return Literal(policyValue, context, supportsVariables, out literal) ?? From(string.Equals(literal, requestValue, StringComparison.OrdinalIgnoreCase));
            case BaseOperator.StringLike or BaseOperator.StringNotLike:
                return Pattern(policyValue, context, supportsVariables, out var pattern) ?? From(Wildcard.IsMatch(pattern, requestValue, ignoreCase: false));
            case BaseOperator.BinaryEquals:
                return From(string.Equals(policyValue, requestValue, StringComparison.Ordinal));
            case BaseOperator.Bool:
                if (Literal(policyValue, context, supportsVariables, out literal) is { } boolProblem)
                {
                    return boolProblem;
                }

                if (!IsBoolean(literal) || !IsBoolean(requestValue))
                {
                    return Comparison.Invalid;
                }

                return From(string.Equals(literal, requestValue, StringComparison.OrdinalIgnoreCase));
            case BaseOperator.NumericEquals or BaseOperator.NumericNotEquals or BaseOperator.NumericLessThan
                or BaseOperator.NumericLessThanEquals or BaseOperator.NumericGreaterThan or BaseOperator.NumericGreaterThanEquals:
                if (!TryParseNumber(policyValue, out var policyNumber) || !TryParseNumber(requestValue, out var requestNumber))
                {
                    return Comparison.Invalid;
                }

                return From(Compare(op, requestNumber.CompareTo(policyNumber)));
            case BaseOperator.DateEquals or BaseOperator.DateNotEquals or BaseOperator.DateLessThan
                or BaseOperator.DateLessThanEquals or BaseOperator.DateGreaterThan or BaseOperator.DateGreaterThanEquals:
                if (!TryParseDate(policyValue, out var policyDate) || !TryParseDate(requestValue, out var requestDate))
                {
                    return Comparison.Invalid;
                }

                return From(Compare(op, requestDate.CompareTo(policyDate)));
            case BaseOperator.IpAddress or BaseOperator.NotIpAddress:
                return CompareIp(requestValue, policyValue);
            case BaseOperator.ArnEquals or BaseOperator.ArnLike or BaseOperator.ArnNotEquals or BaseOperator.ArnNotLike:
                return CompareArn(requestValue, policyValue, context, supportsVariables);
            default:
                return Comparison.Invalid;
        }
    }

    private static Comparison From(bool match) => match ? Comparison.Match : Comparison.NoMatch;

    private static bool Compare(BaseOperator op, int requestVersusPolicy) => op switch
    {
        BaseOperator.NumericEquals or BaseOperator.NumericNotEquals or BaseOperator.DateEquals or BaseOperator.DateNotEquals => requestVersusPolicy == 0,
        BaseOperator.NumericLessThan or BaseOperator.DateLessThan => requestVersusPolicy < 0,
        BaseOperator.NumericLessThanEquals or BaseOperator.DateLessThanEquals => requestVersusPolicy <= 0,
        BaseOperator.NumericGreaterThan or BaseOperator.DateGreaterThan => requestVersusPolicy > 0,
        BaseOperator.NumericGreaterThanEquals or BaseOperator.DateGreaterThanEquals => requestVersusPolicy >= 0,
        _ => false,
    };

    private static Comparison? Literal(string policyValue, RequestContext context, bool supportsVariables, out string literal)
    {
        if (!supportsVariables || !PolicyVariables.Contains(policyValue))
        {
            literal = policyValue;
            return null;
        }

        return Problem(PolicyVariables.Resolve(policyValue, asPattern: false, context, out literal, out _));
    }

    private static Comparison? Pattern(string policyValue, RequestContext context, bool supportsVariables, out string pattern)
    {
        if (!supportsVariables || !PolicyVariables.Contains(policyValue))
        {
            pattern = Wildcard.Translate(policyValue);
            return null;
        }

        return Problem(PolicyVariables.Resolve(policyValue, asPattern: true, context, out pattern, out _));
    }

    private static Comparison? Problem(KeyState state) => state switch
    {
        KeyState.Present => null,
        KeyState.Unknown => Comparison.Unknown,
        _ => Comparison.Invalid,
    };

    private static bool IsBoolean(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What a policy value of the operator should be when the evaluator cannot read it (a date, a number, an address
    /// or CIDR, <c>true</c> or <c>false</c>); null when it can, or when the operator compares text. Read with the
    /// evaluator's own parsers, so the warning the parser gives and the comparison cannot disagree.
    /// </summary>
    public static string? UnreadablePolicyValue(BaseOperator op, string policyValue) => op switch
    {
        BaseOperator.NumericEquals or BaseOperator.NumericNotEquals or BaseOperator.NumericLessThan or BaseOperator.NumericLessThanEquals
            or BaseOperator.NumericGreaterThan or BaseOperator.NumericGreaterThanEquals when !TryParseNumber(policyValue, out _) => "a number",
        BaseOperator.DateEquals or BaseOperator.DateNotEquals or BaseOperator.DateLessThan or BaseOperator.DateLessThanEquals
            or BaseOperator.DateGreaterThan or BaseOperator.DateGreaterThanEquals when !TryParseDate(policyValue, out _) => "a date (ISO 8601, such as `2026-12-31T23:59:59Z`, or seconds since 1970)",
        BaseOperator.IpAddress or BaseOperator.NotIpAddress when !TryParseNetwork(policyValue, out _) => "an IP address or CIDR range (such as `203.0.113.0/24`)",
        BaseOperator.Bool when !IsBoolean(policyValue) => "`true` or `false`",
        _ => null,
    };

    internal static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>ISO 8601 date-times (UTC unless an offset is given) or epoch seconds, as the IAM docs allow.</summary>
    internal static bool TryParseDate(string text, out DateTimeOffset date)
    {
        if (text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            try
            {
                date = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                date = default;
                return false;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
    }

    private static Comparison CompareIp(string requestValue, string policyValue)
    {
        if (!IPAddress.TryParse(requestValue, out var address) || requestValue.Contains('/', StringComparison.Ordinal))
        {
            return Comparison.Invalid;
        }

        if (!TryParseNetwork(policyValue, out var network))
        {
            return Comparison.Invalid;
        }

        if (address.AddressFamily != network.BaseAddress.AddressFamily)
        {
            return Comparison.NoMatch;
        }

        return From(network.Contains(address));
    }

    /// <summary>An address (a network of one) or a CIDR range, host bits allowed.</summary>
    private static bool TryParseNetwork(string policyValue, out IPNetwork network) =>
        IPNetwork.TryParse(policyValue.Contains('/', StringComparison.Ordinal) ? policyValue : policyValue + (policyValue.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"), out network)
        || TryParseLooseNetwork(policyValue, out network);

    /// <summary>IAM accepts CIDRs with host bits set (<c>10.1.2.3/16</c>); .NET's parser does not, so mask them.</summary>
    private static bool TryParseLooseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address) || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (prefix > bytes.Length * 8)
        {
            return false;
        }

        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        network = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }

    private static Comparison CompareArn(string requestValue, string policyValue, RequestContext context, bool supportsVariables)
    {
        if (!Arn.TryParse(requestValue, out var requestArn))
        {
            return Comparison.Invalid;
        }

        if (Pattern(policyValue, context, supportsVariables, out var pattern) is { } problem)
        {
            return problem;
        }

        return ArnMatcher.PatternMatches(pattern, requestArn, ignoreCaseBeforeResource: false) switch
        {
            null => Comparison.Invalid,
            var match => From(match.Value),
        };
    }
}
