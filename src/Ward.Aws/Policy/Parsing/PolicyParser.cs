using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Policy.Parsing;

/// <summary>
/// Reads AWS policy documents in every form the clouds hand them out: a JSON object, a JSON string, or a
/// URL-encoded JSON string (the raw IAM API). Never throws on user input: problems become diagnostics, and a
/// statement that cannot be understood is kept with a <see cref="Statement.Problem"/> so evaluation can refuse to
/// guess.
/// </summary>
public static class PolicyParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly HashSet<string> TopLevelElements = new(StringComparer.Ordinal) { "Version", "Id", "Statement" };

        /// <summary>Parses a policy given as a JSON element: an object, or a string holding JSON or URL-encoded JSON.</summary>
    /// <param name="element">The policy.</param>
    /// <param name="kind">Which kind of policy it is.</param>
    /// <param name="location">Where it was read.</param>
    /// <param name="resourceImplied">
    /// Statements may leave out <c>Resource</c> and then apply to the policy's own resource, as in ECR repository
    /// policies (a role's trust policy always may).
    /// </param>
    public static PolicyParseResult Parse(JsonElement element, PolicyKind kind, SourceLocation location, bool resourceImplied = false)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return ParseText(element.GetString() ?? string.Empty, kind, location, resourceImplied);
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        try
        {
            var document = ParseDocument(element, kind, location, diagnostics, resourceImplied);
            return new PolicyParseResult(document, diagnostics.ToImmutable());
        }
        catch (InvalidOperationException exception)
        {
            // JsonElement.GetString throws on an escaped lone surrogate (`\uD800`).
            diagnostics.Add(Error(PolicyDiagnosticCodes.InvalidJson, $"policy document holds an invalid string: {FirstSentence(exception.Message)}", location.WithPath(location.JsonPath ?? JsonPath.Root)));
            return new PolicyParseResult(null, diagnostics.ToImmutable());
        }
    }

    /// <summary>Parses a policy from text: JSON, or URL-encoded JSON as the IAM API returns it.</summary>
    public static PolicyParseResult ParseText(string text, PolicyKind kind, SourceLocation location, bool resourceImplied = false)
    {
        var json = DecodeIfUrlEncoded(text);
        try
        {
            using var parsed = JsonDocument.Parse(json, DocumentOptions);
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            var document = ParseDocument(parsed.RootElement, kind, location, diagnostics, resourceImplied);
            return new PolicyParseResult(document, diagnostics.ToImmutable());
        }
        catch (ArgumentException exception)
        {
            // Text that is not valid UTF-16 (a lone surrogate) cannot be JSON.
            return new PolicyParseResult(null, [Error(PolicyDiagnosticCodes.InvalidJson, $"policy document is not valid text: {FirstSentence(exception.Message)}", location.WithPath(location.JsonPath ?? JsonPath.Root))]);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1} of the document)"
                : string.Empty;
            return new PolicyParseResult(null, [Error(PolicyDiagnosticCodes.InvalidJson, $"policy document is not valid JSON{where}: {FirstSentence(exception.Message)}", location)]);
        }
    }

    /// <summary>URL-decodes a document when it is not already JSON (RFC 3986: '+' stays a plus sign).</summary>
    internal static string DecodeIfUrlEncoded(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return text;
        }

        if (text.Contains('%', StringComparison.Ordinal))
        {
            try
            {
                return Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return text;
            }
        }

        return text;
    }

    private static PolicyDocument? ParseDocument(JsonElement root, PolicyKind kind, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics, bool resourceImplied)
    {
        var path = location.JsonPath ?? JsonPath.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(Error(PolicyDiagnosticCodes.NotAnObject, $"policy document must be a JSON object, found {Describe(root.ValueKind)}", location.WithPath(path)));
            return null;
        }

        string? versionText = null;
        var version = PolicyVersion.Unspecified;
        string? id = null;
        JsonElement? statementElement = null;
        string? unknownElement = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                diagnostics.Add(Error(PolicyDiagnosticCodes.DuplicateKey, $"element `{property.Name}` appears twice; AWS rejects such a policy", location.WithPath(propertyPath)));
            }

            switch (property.Name)
            {
                case "Version":
                    versionText = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    version = versionText switch
                    {
                        "2012-10-17" => PolicyVersion.Version2012,
                        "2008-10-17" => PolicyVersion.Version2008,
                        _ => PolicyVersion.Unspecified,
                    };
                    if (version == PolicyVersion.Unspecified)
                    {
                        diagnostics.Add(Error(PolicyDiagnosticCodes.InvalidVersion, $"`Version` must be `2012-10-17` or `2008-10-17`, found `{versionText}`", location.WithPath(propertyPath)));
                    }

                    break;
                case "Id":
                    id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    break;
                case "Statement":
                    statementElement = property.Value;
                    break;
                default:
                    diagnostics.Add(Error(PolicyDiagnosticCodes.UnknownTopLevelElement, $"unknown policy element `{property.Name}`; expected `Version`, `Id` or `Statement` (element names are case-sensitive)", location.WithPath(propertyPath)));
                    unknownElement ??= property.Name;
                    break;
            }
        }

        var statements = ImmutableArray.CreateBuilder<Statement>();
        var statementIsArray = true;
        if (statementElement is not { } statementsValue)
        {
            diagnostics.Add(Error(PolicyDiagnosticCodes.MissingStatement, "policy has no `Statement` element", location.WithPath(path)));
        }
        else
        {
            var statementsPath = JsonPath.Property(path, "Statement");
            switch (statementsValue.ValueKind)
            {
                case JsonValueKind.Object:
                    statementIsArray = false;
                    statements.Add(ParseStatement(statementsValue, 0, kind, location, statementsPath, diagnostics, resourceImplied));
                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in statementsValue.EnumerateArray())
                    {
                        var itemPath = JsonPath.Index(statementsPath, index);
                        if (item.ValueKind != JsonValueKind.Object)
                        {
                            diagnostics.Add(Error(PolicyDiagnosticCodes.InvalidStatement, $"a statement must be a JSON object, found {Describe(item.ValueKind)}", location.WithPath(itemPath)));
                            statements.Add(ProblemStatement(index, $"statement {index} is not a JSON object"));
                        }
                        else
                        {
                            statements.Add(ParseStatement(item, index, kind, location, itemPath, diagnostics, resourceImplied));
                        }

                        index++;
                    }

                    break;
                default:
                    diagnostics.Add(Error(PolicyDiagnosticCodes.InvalidStatement, $"`Statement` must be an object or an array of objects, found {Describe(statementsValue.ValueKind)}", location.WithPath(statementsPath)));
                    statements.Add(ProblemStatement(0, "the `Statement` element is not an object or array"));
                    break;
            }
        }

        if (unknownElement is not null)
        {
            // AWS rejects such a document whole: it cannot be in force as written, so its effect is unknown.
            statements.Add(ProblemStatement(statements.Count, $"the document has an unknown element `{unknownElement}`, so AWS would not accept it as written"));
        }

        return new PolicyDocument
        {
            Version = version,
            VersionText = versionText,
            Id = id,
            Statements = statements.ToImmutable(),
            StatementIsArray = statementIsArray,
        };
    }

    private static Statement ProblemStatement(int index, string problem) => new()
    {
        Index = index,
        Effect = Effect.Allow,
        Action = new ActionElement(false, [], false),
        Problem = problem,
    };

    private static Statement ParseStatement(JsonElement element, int index, PolicyKind kind, SourceLocation location, string path, ImmutableArray<Diagnostic>.Builder diagnostics, bool resourceImplied)
    {
        // Hot path on large exports: no allocation unless something is wrong (paths are built only to report).
        List<string>? problems = null;
        void Report(string code, string message, string at)
        {
            diagnostics.Add(Error(code, message, location.WithPath(at)));
            (problems ??= []).Add(message);
        }

        string? sid = null;
        Effect? effect = null;
        PrincipalElement? principal = null;
        ActionElement? action = null;
        ResourceElement? resource = null;
        var conditions = ImmutableArray<ConditionClause>.Empty;
        var seen = 0;

        foreach (var property in element.EnumerateObject())
        {
            var elementName = StatementElementName(property);
            var at = new LazyPath(path, elementName ?? property.Name);
            var bit = elementName is null ? 0 : 1 << Array.IndexOf(StatementElementOrder, elementName);
            if ((seen & bit) != 0)
            {
                Report(PolicyDiagnosticCodes.DuplicateKey, $"element `{elementName}` appears twice in one statement", at);
                continue;
            }

            seen |= bit;
            switch (elementName)
            {
                case "Sid":
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        sid = property.Value.GetString();
                    }
                    else
                    {
                        Report(PolicyDiagnosticCodes.WrongValueType, $"`Sid` must be a string, found {Describe(property.Value.ValueKind)}", at);
                    }

                    break;
                case "Effect":
                    var effectText = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    effect = effectText switch
                    {
                        "Allow" => Effect.Allow,
                        "Deny" => Effect.Deny,
                        _ => null,
                    };
                    if (effect is null)
                    {
                        Report(PolicyDiagnosticCodes.InvalidEffect, $"`Effect` must be `Allow` or `Deny`, found `{effectText ?? property.Value.GetRawText()}`", at);
                    }

                    break;
                case "Action":
                case "NotAction":
                    if (action is not null)
                    {
                        Report(PolicyDiagnosticCodes.InvalidAction, "a statement may have `Action` or `NotAction`, not both", at);
                        break;
                    }

                    if (ReadStrings(property.Value, at, location, diagnostics, out var actions, out var actionsIsArray))
                    {
                        action = new ActionElement(elementName == "NotAction", [.. actions.Select(ActionPattern.Of)], actionsIsArray);
                        foreach (var (text, i) in actions.Select((a, i) => (a, i)))
                        {
                            if (text != "*" && (text.IndexOf(':', StringComparison.Ordinal) <= 0 || text.AsSpan().ContainsAny(" \t\r\n")))
                            {
                                Report(PolicyDiagnosticCodes.InvalidAction, $"action `{text}` is not of the form `service:Action` or `*`", actionsIsArray ? JsonPath.Index(at, i) : at);
                            }
                        }
                    }
                    else
                    {
                        (problems ??= []).Add($"`{elementName}` is not a string or an array of strings");
                    }

                    break;
                case "Resource":
                case "NotResource":
                    if (resource is not null)
                    {
                        Report(PolicyDiagnosticCodes.InvalidResource, "a statement may have `Resource` or `NotResource`, not both", at);
                        break;
                    }

                    if (ReadStrings(property.Value, at, location, diagnostics, out var resources, out var resourcesIsArray))
                    {
                        resource = new ResourceElement(elementName == "NotResource", resources, resourcesIsArray);
                    }
                    else
                    {
                        (problems ??= []).Add($"`{elementName}` is not a string or an array of strings");
                    }

                    break;
                case "Principal":
                case "NotPrincipal":
                    if (principal is not null)
                    {
                        Report(PolicyDiagnosticCodes.InvalidPrincipal, "a statement may have `Principal` or `NotPrincipal`, not both", at);
                        break;
                    }

                    principal = ParsePrincipal(property.Value, elementName == "NotPrincipal", at, Report);
                    break;
                case "Condition":
                    conditions = ParseConditions(property.Value, at, Report, (code, message, where) => diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, location.WithPath(where))));
                    break;
                default:
                    Report(PolicyDiagnosticCodes.UnknownStatementElement, $"unknown statement element `{property.Name}` (element names are case-sensitive)", at);
                    break;
            }
        }

        if (effect is null && (seen & Bit("Effect")) == 0)
        {
            Report(PolicyDiagnosticCodes.InvalidEffect, "statement has no `Effect`", path);
        }

        if (action is null && (seen & (Bit("Action") | Bit("NotAction"))) == 0)
        {
            Report(PolicyDiagnosticCodes.InvalidAction, "statement has no `Action` or `NotAction`", path);
        }

        var principalExpected = kind is PolicyKind.Resource or PolicyKind.RoleTrust or PolicyKind.ResourceControl;
        if (principalExpected && principal is null && (seen & (Bit("Principal") | Bit("NotPrincipal"))) == 0)
        {
            Report(PolicyDiagnosticCodes.InvalidPrincipal, "a resource-based policy statement needs `Principal` or `NotPrincipal`", path);
        }
        else if (!principalExpected && principal is not null)
        {
            Report(PolicyDiagnosticCodes.InvalidPrincipal, $"`{(principal.Negated ? "NotPrincipal" : "Principal")}` is not allowed in {Describe(kind)}", JsonPath.Property(path, principal.Negated ? "NotPrincipal" : "Principal"));
        }

        if (resource is null && kind != PolicyKind.RoleTrust && !resourceImplied && (seen & (Bit("Resource") | Bit("NotResource"))) == 0)
        {
            Report(PolicyDiagnosticCodes.InvalidResource, "statement has no `Resource` or `NotResource`", path);
        }

        return new Statement
        {
            Index = index,
            Sid = sid,
            Effect = effect ?? Effect.Allow,
            Principal = principal,
            Action = action ?? new ActionElement(false, [], false),
            Resource = resource,
            Conditions = conditions,
            Problem = problems is null ? null : string.Join("; ", problems),
        };
    }

    private static readonly string[] StatementElementOrder = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static int Bit(string name) => 1 << Array.IndexOf(StatementElementOrder, name);

    /// <summary>The interned element name, compared on the UTF-8 bytes so no string is allocated per property.</summary>
    private static string? StatementElementName(JsonProperty property)
    {
        foreach (var name in StatementElementOrder)
        {
            if (property.NameEquals(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A JSON path built only when a diagnostic needs it.</summary>
    private sealed record LazyParent(object Parent, string Name);

    private readonly record struct LazyPath(object Parent, string Name)
    {
        public LazyPath(LazyPath parent, string name)
            : this(new LazyParent(parent.Parent, parent.Name), name)
        {
        }

        public override string ToString() => JsonPath.Property(Resolve(Parent), Name);

        private static string Resolve(object parent) => parent switch
        {
            LazyParent p => JsonPath.Property(Resolve(p.Parent), p.Name),
            _ => (string)parent,
        };

        public static implicit operator string(LazyPath path) => path.ToString();
    }

    private static PrincipalElement? ParsePrincipal(JsonElement value, bool negated, LazyPath path, Action<string, string, string> report)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.GetString() == "*")
            {
                return new PrincipalElement { Negated = negated, IsWildcardString = true };
            }

            report(PolicyDiagnosticCodes.InvalidPrincipal, $"a string principal must be `*`, found `{value.GetString()}`; use {{\"AWS\": ...}} for ARNs and accounts", path);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            report(PolicyDiagnosticCodes.InvalidPrincipal, $"`{(negated ? "NotPrincipal" : "Principal")}` must be `*` or an object, found {Describe(value.ValueKind)}", path);
            return null;
        }

        var groups = ImmutableArray.CreateBuilder<PrincipalGroup>();
        foreach (var property in value.EnumerateObject())
        {
            var at = new LazyPath(path, property.Name);
            PrincipalType? type = property.Name switch
            {
                "AWS" => PrincipalType.Aws,
                "Service" => PrincipalType.Service,
                "Federated" => PrincipalType.Federated,
                "CanonicalUser" => PrincipalType.CanonicalUser,
                _ => null,
            };
            if (type is null)
            {
                report(PolicyDiagnosticCodes.InvalidPrincipal, $"unknown principal type `{property.Name}`; expected `AWS`, `Service`, `Federated` or `CanonicalUser`", at);
                continue;
            }

            var values = ImmutableArray.CreateBuilder<string>();
            bool isArray;
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                isArray = false;
                values.Add(property.Value.GetString()!);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                isArray = true;
                var i = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        values.Add(item.GetString()!);
                    }
                    else
                    {
                        report(PolicyDiagnosticCodes.WrongValueType, $"principal entries must be strings, found {Describe(item.ValueKind)}", JsonPath.Index(at, i));
                    }

                    i++;
                }
            }
            else
            {
                report(PolicyDiagnosticCodes.WrongValueType, $"`{property.Name}` must be a string or an array of strings, found {Describe(property.Value.ValueKind)}", at);
                continue;
            }

            foreach (var entry in values)
            {
                if (type == PrincipalType.Aws && entry != "*" && entry.AsSpan().ContainsAny('*', '?'))
                {
                    report(PolicyDiagnosticCodes.InvalidPrincipal, $"wildcards are not allowed in principal `{entry}`: AWS accepts only `*` alone", at);
                }
            }

            groups.Add(new PrincipalGroup(type.Value, values.ToImmutable(), isArray));
        }

        return new PrincipalElement { Negated = negated, IsWildcardString = false, Groups = groups.ToImmutable() };
    }

    /// <param name="value">The <c>Condition</c> element.</param>
    /// <param name="path">Where it is.</param>
    /// <param name="report">Reports an error that keeps the statement from being decided.</param>
    /// <param name="warn">Reports a problem the statement is decided with all the same (a value its operator cannot read never matches).</param>
    private static ImmutableArray<ConditionClause> ParseConditions(JsonElement value, LazyPath path, Action<string, string, string> report, Action<string, string, string> warn)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            report(PolicyDiagnosticCodes.InvalidCondition, $"`Condition` must be an object of operators, found {Describe(value.ValueKind)}", path);
            return [];
        }

        var clauses = ImmutableArray.CreateBuilder<ConditionClause>();
        foreach (var operatorProperty in value.EnumerateObject())
        {
            var operatorPath = new LazyPath(path, operatorProperty.Name);
            if (!ConditionOperator.TryParse(operatorProperty.Name, out var conditionOperator))
            {
                report(PolicyDiagnosticCodes.UnknownConditionOperator, $"unknown condition operator `{operatorProperty.Name}`", operatorPath);
                continue;
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                report(PolicyDiagnosticCodes.InvalidCondition, $"operator `{operatorProperty.Name}` must map condition keys to values, found {Describe(operatorProperty.Value.ValueKind)}", operatorPath);
                continue;
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var keyPath = new LazyPath(operatorPath, keyProperty.Name);
                var values = ImmutableArray.CreateBuilder<string>();
                var isArray = keyProperty.Value.ValueKind == JsonValueKind.Array;
                if (isArray)
                {
                    var i = 0;
                    foreach (var item in keyProperty.Value.EnumerateArray())
                    {
                        if (ScalarText(item) is { } text)
                        {
                            values.Add(text);
                            if (Unreadable(conditionOperator!, keyProperty.Name, text) is { } message)
                            {
                                warn(PolicyDiagnosticCodes.UnreadableConditionValue, message, JsonPath.Index(keyPath, i));
                            }
                        }
                        else
                        {
                            report(PolicyDiagnosticCodes.WrongValueType, $"condition values must be strings, numbers or booleans, found {Describe(item.ValueKind)}", JsonPath.Index(keyPath, i));
                        }

                        i++;
                    }
                }
                else if (ScalarText(keyProperty.Value) is { } single)
                {
                    values.Add(single);
                    if (Unreadable(conditionOperator!, keyProperty.Name, single) is { } message)
                    {
                        warn(PolicyDiagnosticCodes.UnreadableConditionValue, message, keyPath);
                    }
                }
                else
                {
                    report(PolicyDiagnosticCodes.WrongValueType, $"condition value must be a string, number, boolean or array of them, found {Describe(keyProperty.Value.ValueKind)}", keyPath);
                    continue;
                }

                clauses.Add(new ConditionClause(conditionOperator!, keyProperty.Name, values.ToImmutable(), isArray));
            }
        }

        return clauses.ToImmutable();
    }

    /// <summary>
    /// What to say of a value its operator cannot read (a date operator given `tomorrow`, an address operator given
    /// `10.0.0.0/33`), null for a readable one. The comparison with it never matches, so a Deny with it applies only where
    /// the condition holds without a comparison: a request without the key, under <c>IfExists</c> or a negated operator.
    /// Values with policy variables are checked only where the evaluator does not resolve them: it resolves them in
    /// <c>Bool</c> values (as in string ones), and reads date, number and address values as written (IAM substitutes
    /// variables in string comparisons only).
    /// </summary>
    private static string? Unreadable(ConditionOperator conditionOperator, string key, string value)
    {
        if ((conditionOperator.Base == BaseOperator.Bool && value.Contains("${", StringComparison.Ordinal)) || ConditionEvaluator.UnreadablePolicyValue(conditionOperator.Base, value) is not { } expected)
        {
            return null;
        }

        var absent = conditionOperator.IsNegated
            ? $"; for a request with `{key}` the condition is then false whatever its other values, and for one without it true"
            : conditionOperator.IfExists || conditionOperator.Set == SetQualifier.ForAllValues ? $"; a request without `{key}` still meets the condition" : string.Empty;
        return $"`{conditionOperator.Text}` value `{value}` for `{key}` is not {expected}: the comparison with it never matches, as Ward evaluates it{absent}; the statement may not do what its author meant";
    }

    private static string? ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    private static bool ReadStrings(JsonElement value, LazyPath path, SourceLocation location, ImmutableArray<Diagnostic>.Builder diagnostics, out ImmutableArray<string> strings, out bool isArray)
    {
        isArray = value.ValueKind == JsonValueKind.Array;
        if (value.ValueKind == JsonValueKind.String)
        {
            strings = [value.GetString()!];
            return true;
        }

        if (isArray)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            var ok = true;
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    builder.Add(item.GetString()!);
                }
                else
                {
                    diagnostics.Add(Error(PolicyDiagnosticCodes.WrongValueType, $"expected a string, found {Describe(item.ValueKind)}", location.WithPath(JsonPath.Index(path, i))));
                    ok = false;
                }

                i++;
            }

            strings = builder.ToImmutable();
            return ok;
        }

        diagnostics.Add(Error(PolicyDiagnosticCodes.WrongValueType, $"expected a string or an array of strings, found {Describe(value.ValueKind)}", location.WithPath(path)));
        strings = [];
        return false;
    }

    private static Diagnostic Error(string code, string message, SourceLocation location) =>
        new(code, DiagnosticSeverity.Error, message, location);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Describe(PolicyKind kind) => kind switch
    {
        PolicyKind.Identity => "an identity-based policy",
        PolicyKind.PermissionsBoundary => "a permissions boundary",
        PolicyKind.Session => "a session policy",
        PolicyKind.ServiceControl => "a service control policy",
        _ => "this kind of policy",
    };
}
