using System.Globalization;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// Evaluates a parsed condition over a request. Logic is CEL's, three-valued: <c>&amp;&amp;</c> is false when either
/// side is false and <c>||</c> true when either side is true, whatever the other side (unknown or an error); otherwise
/// an unknown side makes the result unknown, carrying the reasons. What Ward does not evaluate is unknown, quoted as
/// written.
/// </summary>
/// <remarks>
/// <c>request.time</c> is the reference time, which decides comparisons with a constant (an expiry, a start). The
/// fields of it that recur (<c>getHours</c>, <c>getDayOfWeek</c>, <c>getMonth</c> … in a time zone: all but
/// <c>getFullYear</c>, which only grows) are unknown unless <paramref name="recurringAtReferenceTime"/>: IAM decides
/// them on each request, so a window of hours or days holds at some times and not at others, whatever the reference time.
/// </remarks>
/// <param name="source">The condition as written.</param>
/// <param name="context">What the condition may ask about the request.</param>
/// <param name="recurringAtReferenceTime">Decide the recurring fields at the reference time too (to tell whether the condition holds then).</param>
internal sealed class CelEvaluator(string source, ConditionContext context, bool recurringAtReferenceTime = false)
{
    /// <summary>What the resource's tags made of each tag function called, in order (<see cref="ConditionResult.Facts"/>).</summary>
    public List<string> Facts { get; } = [];

    /// <summary>Whether a recurring field of <c>request.time</c> was left unknown.</summary>
    public bool ReadRecurring { get; private set; }

    public CelValue Evaluate(CelNode node) => node switch
    {
        CelLiteral literal => literal.Value,
        CelIdentifier or CelSelect => Attribute(node),
        CelIndex index when context.Claims is not null && PathOf(index) is { } path => Claim(path),
        CelCall call => Call(call),
        CelList list => List(list),
        CelUnary unary => Unary(unary),
        CelBinary binary => Binary(binary),
        CelConditional conditional => Conditional(conditional),
        _ => NotEvaluated(node),
    };

    private string Text(CelNode node) => source[node.Start..node.End];

    private CelUnknown NotEvaluated(CelNode node) => CelUnknown.Of($"`{Text(node)}` is not evaluated by Ward");

    private CelValue Attribute(CelNode node)
    {
        if (PathOf(node) is not { } path)
        {
            return NotEvaluated(node);
        }

        return path switch
        {
            "request.time" => new CelTimestamp(context.RequestTime),
            "resource.name" => context.ResourceName is { } name ? new CelString(name)
                : context.ResourceNamePrefix is { } namePrefix ? CelUnknown.Of($"`resource.name` of the resource is not known (it begins with `{namePrefix}`, or is empty)") with { KnownPrefix = namePrefix }
                : CelUnknown.Of("`resource.name` of the resource is not known"),
            "resource.service" => context.ResourceService is { } service ? new CelString(service)
                : context.ResourceServicePrefix is { } servicePrefix ? CelUnknown.Of($"`resource.service` of the resource is not known (it is `{servicePrefix}` or empty)") with { KnownPrefix = servicePrefix }
                : CelUnknown.Of("`resource.service` of the resource is not known"),
            "resource.type" => context.ResourceType is { } type ? new CelString(type)
                : CelUnknown.Of($"`resource.type` of the resource is not known{TypeNotes()}") with { KnownPrefix = context.ResourceTypePrefix },
            "principal.type" => context.PrincipalType is { } principalType ? new CelString(principalType) : CelUnknown.Of("`principal.type` of the principal is not known"),
            "principal.subject" => context.PrincipalSubject is { } subject ? new CelString(subject) : CelUnknown.Of("`principal.subject` of the principal is not known"),
            _ when context.Claims is not null && IsClaimPath(path) => Claim(path),
            _ => CelUnknown.Of($"`{path}` is not evaluated by Ward"),
        };
    }

    /// <summary>Whether a name reads the token a workload identity provider is given, or what its mapping made of it.</summary>
    private static bool IsClaimPath(string path) =>
        path.StartsWith("assertion.", StringComparison.Ordinal) || path.StartsWith("attribute.", StringComparison.Ordinal) || path.StartsWith("google.", StringComparison.Ordinal);

    /// <summary>A value of the token (<see cref="ConditionContext.Claims"/>): a claim it lacks is an error, one Ward does not know is unknown.</summary>
    private CelValue Claim(string path)
    {
        if (context.Claims!.TryGetValue(path, out var value))
        {
            return value switch
            {
                null => new CelError($"the token has no `{path}`"),
                string s => new CelString(s),
                bool b => new CelBool(b),
                long l => new CelInt(l),
                IEnumerable<string> list => new CelListValue([.. list.Select(i => (CelValue)new CelString(i))]),
                _ => CelUnknown.Of($"`{path}` is a {value.GetType().Name}, which Ward does not evaluate"),
            };
        }

        return context.ClaimUnknownBecause?.TryGetValue(path, out var why) == true
            ? CelUnknown.Of(why)
            : CelUnknown.Of($"`{path}` is not known to Ward");
    }

    /// <summary>Why <c>resource.type</c> is not known and what is, in parentheses (empty when nothing is said).</summary>
    private string TypeNotes()
    {
        string[] notes = [.. new[] { context.ResourceTypeUnknownBecause, context.ResourceTypePrefix is { } prefix ? $"it begins with `{prefix}`, or is empty" : null }.OfType<string>()];
        return notes.Length == 0 ? string.Empty : $" ({string.Join("; ", notes)})";
    }

    /// <summary>The dotted name of an attribute (<c>request.time</c>), or null when the node is not a plain name.</summary>
    private static string? PathOf(CelNode node) => node switch
    {
        CelIdentifier identifier => identifier.Name,
        CelSelect select when PathOf(select.Target) is { } target => target + "." + select.Field,

        // Indexing a map by a constant key is selecting its field: `assertion['sub']` is `assertion.sub`.
        CelIndex { Index: CelLiteral { Value: CelString key } } index when PathOf(index.Target) is { } target => target + "." + key.Value,
        _ => null,
    };

    private CelValue Call(CelCall call)
    {
        switch (call.Target, call.Function, call.Arguments.Length)
        {
            case (null, "timestamp", 1):
                return Evaluate(call.Arguments[0]) switch
                {
                    CelString s => ParseTimestamp(s.Value) is { } t ? new CelTimestamp(t) : new CelError($"`{Text(call)}`: `{s.Value}` is not an RFC 3339 timestamp"),
                    CelTimestamp t => t,
                    (CelUnknown or CelError) and var v => v,
                    var v => new CelError($"`{Text(call)}`: no timestamp of a {v.TypeName}"),
                };
            case (null, "duration", 1):
                return Evaluate(call.Arguments[0]) switch
                {
                    CelString s => ParseDuration(s.Value) is { } d ? new CelDuration(d) : new CelError($"`{Text(call)}`: `{s.Value}` is not a duration"),
                    CelDuration d => d,
                    (CelUnknown or CelError) and var v => v,
                    var v => new CelError($"`{Text(call)}`: no duration of a {v.TypeName}"),
                };
            case (not null, "startsWith" or "endsWith", 1):
                var target = Evaluate(call.Target);
                var argument = Evaluate(call.Arguments[0]);
                if (target is CelString text && argument is CelString affix)
                {
                    return new CelBool(call.Function == "startsWith"
                        ? text.Value.StartsWith(affix.Value, StringComparison.Ordinal)
                        : text.Value.EndsWith(affix.Value, StringComparison.Ordinal));
                }

                // A string that begins with P unless empty cannot begin with a non-empty A when A and P part ways.
                if (call.Function == "startsWith" && target is CelUnknown { KnownPrefix: { } known } && argument is CelString { Value.Length: > 0 } start
                    && !known.StartsWith(start.Value, StringComparison.Ordinal) && !start.Value.StartsWith(known, StringComparison.Ordinal))
                {
                    return new CelBool(false);
                }

                return Undefined(target, argument, $"`{Text(call)}`: `{call.Function}` needs strings");
            case (not null, "contains", 1):
                var haystack = Evaluate(call.Target);
                var needle = Evaluate(call.Arguments[0]);
                return haystack is CelString whole && needle is CelString part
                    ? new CelBool(whole.Value.Contains(part.Value, StringComparison.Ordinal))
                    : Undefined(haystack, needle, $"`{Text(call)}`: `contains` needs strings");
            case (not null, "matches", 1):
                return Matches(call, Evaluate(call.Target), Evaluate(call.Arguments[0]));
            case (null, "matches", 2):
                return Matches(call, Evaluate(call.Arguments[0]), Evaluate(call.Arguments[1]));
            case (not null, "lowerAscii" or "upperAscii", 0):
                return Evaluate(call.Target) switch
                {
                    CelString s => new CelString(call.Function == "lowerAscii" ? AsciiCase(s.Value, upper: false) : AsciiCase(s.Value, upper: true)),
                    (CelUnknown or CelError) and var v => v,
                    var v => new CelError($"`{Text(call)}`: `{call.Function}` needs a string, not a {v.TypeName}"),
                };
            case (not null, "size", 0):
            case (null, "size", 1):
                return Evaluate(call.Target ?? call.Arguments[0]) switch
                {
                    CelString s => new CelInt(s.Value.EnumerateRunes().Count()),
                    CelListValue l => new CelInt(l.Items.Length),
                    (CelUnknown or CelError) and var v => v,
                    var v => new CelError($"`{Text(call)}`: no size of a {v.TypeName}"),
                };
            case (null, "has", 1):
                return Has(call);
            case (CelIdentifier { Name: "resource" }, "matchTag" or "matchTagId", 2):
            case (CelIdentifier { Name: "resource" }, "hasTagKey" or "hasTagKeyId", 1):
                return Tag(call);
            case (not null, "extract", 1):
                return Extract(call, Evaluate(call.Target), Evaluate(call.Arguments[0]));
            case (not null, var function, 0 or 1) when CelTimestampFields.IsAccessor(function):
                return TimestampField(call);
            default:
                return NotEvaluated(call);
        }
    }

    /// <summary>
    /// <c>resource.matchTag(KEY_NAME, VALUE_SHORT_NAME)</c>, <c>matchTagId(tagKeys/ID, tagValues/ID)</c>,
    /// <c>hasTagKey(KEY_NAME)</c> and <c>hasTagKeyId(tagKeys/ID)</c> over the resource's effective tags: a key the
    /// resource has for certain decides (even among tags otherwise unknown); a key it lacks decides false only when all
    /// its tags, and every tag's key, are known.
    /// </summary>
    private CelValue Tag(CelCall call)
    {
        var key = Evaluate(call.Arguments[0]);
        var value = call.Arguments.Length == 2 ? Evaluate(call.Arguments[1]) : new CelString(string.Empty);
        if (key is not CelString keyText || value is not CelString valueText)
        {
            return Undefined(key, value, $"`{Text(call)}`: `{call.Function}` needs strings");
        }

        if (context.ResourceTags is not { } tags)
        {
            return CelUnknown.Of($"`{Text(call)}` is not decided: the resource's tags are not known");
        }

        var byId = call.Function is "matchTagId" or "hasTagKeyId";
        var found = tags.Tags.FirstOrDefault(t => byId ? t.KeyId == keyText.Value : t.KeyNames.Contains(keyText.Value, StringComparer.Ordinal));
        if (found is null)
        {
            if (tags.UnknownBecause is { } why)
            {
                return CelUnknown.Of($"`{Text(call)}` is not decided: {why}");
            }

            if (tags.Tags.FirstOrDefault(t => byId ? t.KeyId is null : t.KeyNames.IsEmpty) is { } unnamed)
            {
                return CelUnknown.Of($"`{Text(call)}` is not decided: the key of tag {unnamed.Describe()} on `{tags.Resource}` is not known (its value is not in the tag values export)");
            }

            if (tags.Unbound is { } unbound && (byId ? unbound.KeyId == keyText.Value : unbound.KeyNames.Contains(keyText.Value, StringComparer.Ordinal)))
            {
                Facts.Add($"`{tags.Resource}` would have no tag of key `{keyText.Value}`, once {unbound.Describe()} is unbound from it");
                return new CelBool(false);
            }

            Facts.Add(tags.Tags.IsEmpty ? $"`{tags.Resource}` has no tag" : $"`{tags.Resource}` has no tag of key `{keyText.Value}` (its tags: {string.Join(", ", tags.Tags.Select(t => t.Describe()))})");
            return new CelBool(false);
        }

        var origin = found.BoundTo is null ? "inherited" : found.BoundTo == tags.Resource ? "bound to it" : $"inherited from `{found.BoundTo}`";
        Facts.Add(found.Supposed ? $"`{tags.Resource}` would have tag {found.Describe()}, once bound to it" : $"`{tags.Resource}` has tag {found.Describe()}, {origin}");
        return call.Function switch
        {
            "matchTag" when found.ValueShortName is null => CelUnknown.Of($"`{Text(call)}` is not decided: the name of tag value `{found.ValueId}` on `{tags.Resource}` is not known (it is not in the tag values export)"),
            "matchTag" => new CelBool(found.ValueShortName == valueText.Value),
            "matchTagId" when found.ValueId is null => CelUnknown.Of($"`{Text(call)}` is not decided: the id of tag value {found.Describe()} on `{tags.Resource}` is not known (it is not in the tag values export)"),
            "matchTagId" => new CelBool(found.ValueId == valueText.Value),
            _ => new CelBool(true),
        };
    }

    /// <summary>
    /// <c>s.matches(re)</c>: whether the RE2 expression matches some part of the string (CEL's semantics: anchor it with
    /// <c>^</c> and <c>$</c> to match the whole). An expression .NET's engine would read otherwise is unknown. Over a
    /// token built for an outsider (<see cref="ConditionContext.Claims"/>), a failed match decides only what the
    /// names tried can decide (<see cref="Re2Pattern"/>); otherwise it is unknown, since another name may match.
    /// </summary>
    private CelValue Matches(CelCall call, CelValue target, CelValue pattern)
    {
        if (target is not CelString text || pattern is not CelString expression)
        {
            return Undefined(target, pattern, $"`{Text(call)}`: `matches` needs strings");
        }

        var re = Re2Pattern.Parse(expression.Value);
        if (re.Regex is not { } regex)
        {
            return CelUnknown.Of($"`{Text(call)}`: `{expression.Value}` is not a regular expression Ward reads as RE2 does");
        }

        if (regex.IsMatch(text.Value))
        {
            return new CelBool(true);
        }

        return context.Claims is null || re.IsLiteral || (re.AnchoredPrefix is { } prefix && !text.Value.StartsWith(prefix, StringComparison.Ordinal))
            ? new CelBool(false)
            : CelUnknown.Of($"`{Text(call)}` is not decided for every name another customer may hold: none Ward tried matches `{expression.Value}`, but others may");
    }

    /// <summary>The string with ASCII letters alone changed, as CEL's <c>lowerAscii</c> and <c>upperAscii</c> do.</summary>
    private static string AsciiCase(string value, bool upper) =>
        string.Create(value.Length, (value, upper), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.value[i];
                span[i] = state.upper ? (char.IsAsciiLetterLower(c) ? (char)(c - 32) : c) : char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c;
            }
        });

    /// <summary>
    /// <c>has(assertion.claim)</c>: whether the token carries the claim (or the mapping made the attribute); a claim Ward
    /// does not know is unknown. Other fields are not evaluated.
    /// </summary>
    private CelValue Has(CelCall call)
    {
        if (call.Arguments[0] is not CelSelect select || PathOf(select) is not { } path || context.Claims is null || !IsClaimPath(path))
        {
            return NotEvaluated(call);
        }

        return Claim(path) switch
        {
            CelError => new CelBool(false),
            CelUnknown unknown => unknown,
            _ => new CelBool(true),
        };
    }

    private CelValue Extract(CelCall call, CelValue target, CelValue template)
    {
        if (target is not CelString name || template is not CelString pattern)
        {
            return Undefined(target, template, $"`{Text(call)}`: `extract` needs strings");
        }

        return CelExtraction.Extract(name.Value, pattern.Value) is { } extracted
            ? new CelString(extracted)
            : new CelError($"`{Text(call)}`: `{pattern.Value}` is not a template with one `{{variable}}`");
    }

    /// <summary><c>getHours</c> and the other accessors on a timestamp, in UTC or the time zone given.</summary>
    private CelValue TimestampField(CelCall call)
    {
        var target = Evaluate(call.Target!);
        var zoneName = call.Arguments.Length == 0 ? new CelString("UTC") : Evaluate(call.Arguments[0]);
        if (target is CelDuration)
        {
            return NotEvaluated(call);
        }

        if (target is not CelTimestamp time || zoneName is not CelString zone)
        {
            return Undefined(target, zoneName, $"`{Text(call)}`: `{call.Function}` needs a timestamp and a time zone name");
        }

        if (CelTimestampFields.Zone(zone.Value) is not { } timeZone)
        {
            return CelUnknown.Of($"`{Text(call)}`: the time zone `{zone.Value}` is not known on this machine (no such IANA name, or no time zone database), so Ward does not tell the local time");
        }

        // The hour, day or month of the request's own time comes round again: IAM reads it on every request.
        if (!recurringAtReferenceTime && CelTimestampFields.Period(call.Function) is { } period && ReadsRequestTime(call.Target!))
        {
            ReadRecurring = true;
            return CelUnknown.Of($"`{Text(call)}` recurs with the {period}: IAM decides it on every request, not at one reference time");
        }

        return new CelInt(CelTimestampFields.Of(call.Function, time.Value, timeZone));
    }

    /// <summary>Whether a node reads <c>request.time</c> (a timestamp built from constants alone does not).</summary>
    private static bool ReadsRequestTime(CelNode node) => node switch
    {
        CelSelect { Field: "time", Target: CelIdentifier { Name: "request" } } => true,
        CelSelect select => ReadsRequestTime(select.Target),
        CelCall call => (call.Target is { } target && ReadsRequestTime(target)) || call.Arguments.Any(ReadsRequestTime),
        CelUnary unary => ReadsRequestTime(unary.Operand),
        CelBinary binary => ReadsRequestTime(binary.Left) || ReadsRequestTime(binary.Right),
        CelConditional conditional => ReadsRequestTime(conditional.Test) || ReadsRequestTime(conditional.IfTrue) || ReadsRequestTime(conditional.IfFalse),
        CelIndex index => ReadsRequestTime(index.Target) || ReadsRequestTime(index.Index),
        CelList list => list.Items.Any(ReadsRequestTime),
        CelMap map => map.Entries.Any(e => ReadsRequestTime(e.Key) || ReadsRequestTime(e.Value)),
        _ => false,
    };

    private CelValue List(CelList list)
    {
        var items = list.Items.Select(Evaluate).ToList();
        var unknown = items.Where(i => i is CelUnknown or CelError).Aggregate((CelValue?)null, (all, i) => all is null ? i : CelUnknown.Merge(all, i));
        return unknown ?? new CelListValue([.. items]);
    }

    private CelValue Unary(CelUnary unary)
    {
        var operand = Evaluate(unary.Operand);
        return (unary.Operator, operand) switch
        {
            (_, CelUnknown or CelError) => operand,
            ("!", CelBool b) => new CelBool(!b.Value),
            ("-", CelInt i) when i.Value != long.MinValue => new CelInt(-i.Value),
            ("-", CelDouble d) => new CelDouble(-d.Value),
            ("-", CelDuration d) => new CelDuration(d.Value.Negate()),
            _ => new CelError($"`{Text(unary)}`: no `{unary.Operator}` for a {operand.TypeName}"),
        };
    }

    private CelValue Conditional(CelConditional conditional) => Evaluate(conditional.Test) switch
    {
        CelBool b => Evaluate(b.Value ? conditional.IfTrue : conditional.IfFalse),
        (CelUnknown or CelError) and var v => v,
        var v => new CelError($"`{Text(conditional.Test)}` is a {v.TypeName}, not a bool"),
    };

    private CelValue Binary(CelBinary binary)
    {
        var left = Evaluate(binary.Left);
        var right = Evaluate(binary.Right);
        return binary.Operator switch
        {
            "&&" => Logic(binary, left, right, absorbing: false),
            "||" => Logic(binary, left, right, absorbing: true),
            "==" or "!=" when CannotEqual(left, right) || CannotEqual(right, left) => new CelBool(binary.Operator == "!="),
            "in" when left is CelUnknown { KnownPrefix: { } } && right is CelListValue list && list.Items.All(i => CannotEqual(left, i)) => new CelBool(false),
            _ when left is CelUnknown or CelError || right is CelUnknown or CelError => Undefined(left, right, string.Empty),
            "==" => new CelBool(AreEqual(left, right)),
            "!=" => new CelBool(!AreEqual(left, right)),
            "<" or "<=" or ">" or ">=" => Order(binary, left, right),
            "in" => right is CelListValue list ? new CelBool(list.Items.Any(i => AreEqual(left, i))) : new CelError($"`{Text(binary)}`: `in` needs a list, not a {right.TypeName}"),
            _ => Arithmetic(binary, left, right),
        };
    }

    /// <summary><c>&amp;&amp;</c> (false absorbs) and <c>||</c> (true absorbs), commutative as in CEL.</summary>
    private CelValue Logic(CelBinary binary, CelValue left, CelValue right, bool absorbing)
    {
        if ((left is CelBool l && l.Value == absorbing) || (right is CelBool r && r.Value == absorbing))
        {
            return new CelBool(absorbing);
        }

        if (left is CelBool && right is CelBool)
        {
            return new CelBool(!absorbing);
        }

        var a = left is CelBool or CelUnknown or CelError ? left : new CelError($"`{Text(binary.Left)}` is a {left.TypeName}, not a bool");
        var b = right is CelBool or CelUnknown or CelError ? right : new CelError($"`{Text(binary.Right)}` is a {right.TypeName}, not a bool");
        return a is CelBool ? b : b is CelBool ? a : Undefined(a, b, string.Empty);
    }

    /// <summary>Whether an unknown string that begins with a text unless empty cannot equal a string: one not empty that does not begin so.</summary>
    private static bool CannotEqual(CelValue unknown, CelValue other) =>
        unknown is CelUnknown { KnownPrefix: { } known } && other is CelString { Value.Length: > 0 } text && !text.Value.StartsWith(known, StringComparison.Ordinal);

    /// <summary>An unknown operand makes the result unknown (with every reason); else an error.</summary>
    private static CelValue Undefined(CelValue a, CelValue b, string error) =>
        a is CelUnknown || b is CelUnknown ? CelUnknown.Merge(a, b)
        : a is CelError ea ? ea
        : b is CelError eb ? eb
        : new CelError(error);

    // Heterogeneous values are unequal, except numbers, which compare by value (CEL's heterogeneous equality).
    private static bool AreEqual(CelValue a, CelValue b) => (a, b) switch
    {
        (CelInt i, CelDouble d) => i.Value == d.Value,
        (CelDouble d, CelInt i) => i.Value == d.Value,
        _ => a.Equals(b),
    };

    private CelValue Order(CelBinary binary, CelValue left, CelValue right)
    {
        int? comparison = (left, right) switch
        {
            (CelString a, CelString b) => string.CompareOrdinal(a.Value, b.Value),
            (CelInt a, CelInt b) => a.Value.CompareTo(b.Value),
            (CelDouble a, CelDouble b) => a.Value.CompareTo(b.Value),
            (CelInt a, CelDouble b) => ((double)a.Value).CompareTo(b.Value),
            (CelDouble a, CelInt b) => a.Value.CompareTo(b.Value),
            (CelTimestamp a, CelTimestamp b) => a.Value.CompareTo(b.Value),
            (CelDuration a, CelDuration b) => a.Value.CompareTo(b.Value),
            (CelBool a, CelBool b) => a.Value.CompareTo(b.Value),
            _ => null,
        };
        if (comparison is not { } c)
        {
            return new CelError($"`{Text(binary)}`: no `{binary.Operator}` between a {left.TypeName} and a {right.TypeName}");
        }

        return new CelBool(binary.Operator switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        });
    }

    private CelValue Arithmetic(CelBinary binary, CelValue left, CelValue right)
    {
        try
        {
            CelValue? result = (binary.Operator, left, right) switch
            {
                ("+", CelInt a, CelInt b) => new CelInt(a.Value + b.Value),
                ("-", CelInt a, CelInt b) => new CelInt(a.Value - b.Value),
                ("*", CelInt a, CelInt b) => new CelInt(a.Value * b.Value),
                ("/", CelInt a, CelInt b) when b.Value != 0 => new CelInt(a.Value / b.Value),
                ("%", CelInt a, CelInt b) when b.Value != 0 => new CelInt(a.Value % b.Value),
                ("+", CelDouble a, CelDouble b) => new CelDouble(a.Value + b.Value),
                ("-", CelDouble a, CelDouble b) => new CelDouble(a.Value - b.Value),
                ("*", CelDouble a, CelDouble b) => new CelDouble(a.Value * b.Value),
                ("/", CelDouble a, CelDouble b) => new CelDouble(a.Value / b.Value),
                ("+", CelString a, CelString b) => new CelString(a.Value + b.Value),
                ("+", CelListValue a, CelListValue b) => new CelListValue(a.Items.AddRange(b.Items)),
                ("+", CelTimestamp a, CelDuration b) => new CelTimestamp(a.Value + b.Value),
                ("+", CelDuration a, CelTimestamp b) => new CelTimestamp(b.Value + a.Value),
                ("-", CelTimestamp a, CelDuration b) => new CelTimestamp(a.Value - b.Value),
                ("-", CelTimestamp a, CelTimestamp b) => new CelDuration(a.Value - b.Value),
                ("+", CelDuration a, CelDuration b) => new CelDuration(a.Value + b.Value),
                ("-", CelDuration a, CelDuration b) => new CelDuration(a.Value - b.Value),
                _ => null,
            };
            return result ?? new CelError($"`{Text(binary)}`: no `{binary.Operator}` between a {left.TypeName} and a {right.TypeName}");
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return new CelError($"`{Text(binary)}` is out of range");
        }
    }

    /// <summary>An RFC 3339 timestamp (<c>2027-01-01T00:00:00Z</c>, with optional fraction and offset), as CEL's <c>timestamp()</c> takes.</summary>
    internal static DateTimeOffset? ParseTimestamp(string text)
    {
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (text.Length < 20 || text[10] is not ('T' or 't') || !hasZone)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
    }

    /// <summary>A CEL duration: an optional sign, then numbers with units <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c> (<c>3600s</c>, <c>1h30m</c>).</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var i = 0;
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            i++;
        }

        var total = 0m;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (!decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            decimal? seconds = text[unitStart..i] switch
            {
                "h" => 3600m,
                "m" => 60m,
                "s" => 1m,
                "ms" => 0.001m,
                "us" => 0.000001m,
                "ns" => 0.000000001m,
                _ => null,
            };
            if (seconds is not { } unit || amount * unit > 315_576_000_000m)
            {
                return null;
            }

            total += amount * unit;
            any = true;
        }

        return any ? TimeSpan.FromTicks((long)((negative ? -total : total) * TimeSpan.TicksPerSecond)) : null;
    }
}
