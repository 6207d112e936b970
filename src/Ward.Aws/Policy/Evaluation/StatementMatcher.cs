using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>Decides whether the Action, Resource, Principal and Condition elements of a statement match a request.</summary>
internal static class StatementMatcher
{
    public static bool ActionMatches(ActionElement element, string actionLower)
    {
        var any = false;
        foreach (var pattern in element.Patterns)
        {
            if (pattern.MatchesEverything || (pattern.HasWildcard
                    ? Wildcard.IsMatch(pattern.Glob, actionLower, ignoreCase: false)
                    : string.Equals(pattern.Lower, actionLower, StringComparison.Ordinal)))
            {
                any = true;
                break;
            }
        }

        return element.Negated ? !any : any;
    }

    public static Tri ResourceMatches(ResourceElement? element, in PreparedRequest request, bool supportsVariables)
    {
        if (element is null)
        {
            return Tri.True;
        }

        var result = Tri.False;
        for (var i = 0; i < element.Patterns.Length; i++)
        {
            var one = OneResource(element.Patterns[i], element.Globs[i], request, supportsVariables);
            if (one == Tri.True)
            {
                result = Tri.True;
                break;
            }

            if (one == Tri.Unknown)
            {
                result = Tri.Unknown;
            }
        }

        return !element.Negated ? result : result switch
        {
            Tri.True => Tri.False,
            Tri.False => Tri.True,
            _ => Tri.Unknown,
        };
    }

    private static Tri OneResource(string raw, string glob, in PreparedRequest request, bool supportsVariables)
    {
        if (raw == "*")
        {
            return Tri.True;
        }

        return supportsVariables && PolicyVariables.Contains(raw) ? OneResourceWithVariables(raw, glob, request) : MatchesResource(glob, request);
    }

    private static Tri OneResourceWithVariables(string raw, string glob, in PreparedRequest request)
    {
        // Variables are substituted only in the resource part of an ARN, after the fifth colon (IAM user guide,
        // "Where you can use policy variables"); elsewhere `${...}` stays literal text.
        var (prefix, resourcePart) = ResourcePartOf(raw, glob);
        var state = PolicyVariables.Resolve(prefix, resourcePart, asPattern: true, request.Context, stackalloc char[256], out var pattern, out _);
        if (state != KeyState.Present)
        {
            return state == KeyState.Unknown ? Tri.Unknown : Tri.False;
        }

        return MatchesResource(pattern, request);
    }

    private static Tri MatchesResource(ReadOnlySpan<char> pattern, in PreparedRequest request)
    {
        if (request.ResourceArn is { } arn)
        {
            return (ArnMatcher.PatternMatches(pattern, arn, ignoreCaseBeforeResource: true) ?? Wildcard.IsMatch(pattern, request.Resource, ignoreCase: false)).ToTri();
        }

        // The request names no ARN (`*` for actions without resource-level permissions): only a pattern that
        // matches the literal text does.
        return Wildcard.IsMatch(pattern, request.Resource, ignoreCase: false).ToTri();
    }

    // Split once per pattern: the pattern's part before the resource (as a glob) and its resource part as written.
    private static readonly BoundedCache<string, (string Prefix, string ResourcePart)> ResourceParts = new(100_000, StringComparer.Ordinal);

    private static (string Prefix, string ResourcePart) ResourcePartOf(string raw, string glob)
    {
        if (ResourceParts.TryGetValue(raw, out var parts))
        {
            return parts;
        }

        var start = ResourcePartStart(raw);
        parts = (glob[..start], raw[start..]);
        ResourceParts.Add(raw, parts);

        return parts;
    }

    private static int ResourcePartStart(string raw)
    {
        if (!raw.StartsWith("arn:", StringComparison.Ordinal))
        {
            return 0;
        }

        var index = -1;
        for (var colons = 0; colons < 5; colons++)
        {
            index = raw.IndexOf(':', index + 1);
            if (index < 0)
            {
                return 0;
            }
        }

        return index + 1;
    }

    /// <summary>Whether the statement's conditions hold; in an open context, the clauses left undecided are added to <paramref name="undecided"/> (made on the first).</summary>
    public static Tri ConditionsMatch(Statement statement, in PreparedRequest request, bool supportsVariables, ref List<string>? undecided)
    {
        var result = Tri.True;
        foreach (var clause in statement.Conditions)
        {
            var one = ConditionEvaluator.Evaluate(clause, request.Context, supportsVariables);
            if (one == Tri.False)
            {
                return Tri.False;
            }

            if (one == Tri.Unknown)
            {
                result = Tri.Unknown;
                if (request.Context.IsOpen)
                {
                    (undecided ??= []).Add(clause.ToString());
                }
            }
        }

        return result;
    }

    /// <summary>Relates a resource-policy statement's Principal/NotPrincipal to the caller.</summary>
    public static PrincipalMatch PrincipalMatches(PrincipalElement? element, AwsPrincipal caller, bool callerHasBoundary, Effect effect)
    {
        if (element is null)
        {
            return PrincipalMatch.None;
        }

        if (!element.Negated)
        {
            return Named(element, caller);
        }

        // NotPrincipal. With Allow, any way of naming the caller exempts it. With Deny, only naming the caller
        // itself does (not its account, not its role), and a caller with a permissions boundary is always denied
        // (IAM user guide, NotPrincipal and permissions boundaries).
        if (effect == Effect.Deny)
        {
            if (callerHasBoundary && caller.IsIamIdentity)
            {
                return PrincipalMatch.Wildcard;
            }

            return Named(element, caller) == PrincipalMatch.Exact ? PrincipalMatch.None : PrincipalMatch.Wildcard;
        }

        return Named(element, caller) == PrincipalMatch.None ? PrincipalMatch.Wildcard : PrincipalMatch.None;
    }

    private static PrincipalMatch Named(PrincipalElement element, AwsPrincipal caller)
    {
        if (element.IsWildcardString)
        {
            return PrincipalMatch.Wildcard;
        }

        var best = PrincipalMatch.None;
        foreach (var (type, value) in element.Entries)
        {
            var match = Entry(type, value, caller);
            if (match == PrincipalMatch.Exact || match == PrincipalMatch.Wildcard)
            {
                return match;
            }

            if (match == PrincipalMatch.RoleOfSession || (match == PrincipalMatch.Account && best == PrincipalMatch.None))
            {
                best = match;
            }
        }

        return best;
    }

    private static PrincipalMatch Entry(PrincipalType type, string value, AwsPrincipal caller)
    {
        switch (type)
        {
            case PrincipalType.Aws when value == "*":
                return PrincipalMatch.Wildcard;
            case PrincipalType.Aws when !caller.IsAuthenticated:
                return PrincipalMatch.None;
            case PrincipalType.Service:
                return caller.Type == AwsPrincipalType.Service && string.Equals(value, caller.Value, StringComparison.OrdinalIgnoreCase) ? PrincipalMatch.Exact : PrincipalMatch.None;
            case PrincipalType.Federated:
                return caller.Type == AwsPrincipalType.WebIdentity && string.Equals(value, caller.Value, StringComparison.Ordinal) ? PrincipalMatch.Exact : PrincipalMatch.None;
            case PrincipalType.CanonicalUser:
                return string.Equals(value, caller.Value, StringComparison.Ordinal) ? PrincipalMatch.Exact : PrincipalMatch.None;
        }

        if (caller.Type is AwsPrincipalType.Service or AwsPrincipalType.WebIdentity)
        {
            return PrincipalMatch.None;
        }

        // AWS principal: an account id, an account root ARN, or an IAM/STS principal ARN.
        if (AwsPrincipal.IsAccountId(value))
        {
            return caller.Type == AwsPrincipalType.AccountRoot && string.Equals(value, caller.Account, StringComparison.Ordinal)
                ? PrincipalMatch.Exact
                : AccountMatch(value, caller);
        }

        var named = AwsPrincipal.Parse(value);
        if (named.Type == AwsPrincipalType.AccountRoot)
        {
            return caller.Type == AwsPrincipalType.AccountRoot && string.Equals(named.Account, caller.Account, StringComparison.Ordinal)
                ? PrincipalMatch.Exact
                : AccountMatch(named.Account!, caller);
        }

        if (string.Equals(named.Value, caller.Value, StringComparison.Ordinal))
        {
            return PrincipalMatch.Exact;
        }

        if (named.Type == AwsPrincipalType.IamRole && caller.Type == AwsPrincipalType.AssumedRoleSession
            && string.Equals(named.Account, caller.Account, StringComparison.Ordinal)
            && string.Equals(named.RoleName, caller.RoleName, StringComparison.OrdinalIgnoreCase)
            && SamePartition(named.Value, caller.Value))
        {
            return PrincipalMatch.RoleOfSession;
        }

        return PrincipalMatch.None;
    }

    private static PrincipalMatch AccountMatch(string account, AwsPrincipal caller) =>
        string.Equals(account, caller.Account, StringComparison.Ordinal) ? PrincipalMatch.Account : PrincipalMatch.None;

    private static bool SamePartition(string left, string right)
    {
        var l = left.AsSpan(4);
        var r = right.AsSpan(4);
        var li = l.IndexOf(':');
        var ri = r.IndexOf(':');
        return li >= 0 && ri >= 0 && l[..li].SequenceEqual(r[..ri]);
    }
}
