using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Tests.Testing;

/// <summary>
/// Prints a <see cref="PolicyDocument"/> back to policy JSON, keeping the written forms the parser records
/// (statement object or array, string or array values, <c>Not…</c> elements, the literal <c>Version</c>). Used by
/// the print∘parse property and to compare documents read from different encodings.
/// </summary>
internal static class PolicyPrinter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Print(PolicyDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (document.VersionText is { } version)
            {
                writer.WriteString("Version", version);
            }

            if (document.Id is { } id)
            {
                writer.WriteString("Id", id);
            }

            writer.WritePropertyName("Statement");
            if (document.StatementIsArray || document.Statements.Length != 1)
            {
                writer.WriteStartArray();
                foreach (var statement in document.Statements)
                {
                    WriteStatement(writer, statement);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteStatement(writer, document.Statements[0]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStatement(Utf8JsonWriter writer, Statement statement)
    {
        writer.WriteStartObject();
        if (statement.Sid is { } sid)
        {
            writer.WriteString("Sid", sid);
        }

        writer.WriteString("Effect", statement.Effect == Effect.Allow ? "Allow" : "Deny");
        if (statement.Principal is { } principal)
        {
            var name = principal.Negated ? "NotPrincipal" : "Principal";
            if (principal.IsWildcardString)
            {
                writer.WriteString(name, "*");
            }
            else
            {
                writer.WriteStartObject(name);
                foreach (var group in principal.Groups)
                {
                    writer.WritePropertyName(group.Type switch
                    {
                        PrincipalType.Aws => "AWS",
                        PrincipalType.Service => "Service",
                        PrincipalType.Federated => "Federated",
                        _ => "CanonicalUser",
                    });
                    WriteValues(writer, group.Values, group.IsArray);
                }

                writer.WriteEndObject();
            }
        }

        writer.WritePropertyName(statement.Action.Negated ? "NotAction" : "Action");
        WriteValues(writer, [.. statement.Action.Patterns.Select(p => p.Text)], statement.Action.IsArray);

        if (statement.Resource is { } resource)
        {
            writer.WritePropertyName(resource.Negated ? "NotResource" : "Resource");
            WriteValues(writer, resource.Patterns, resource.IsArray);
        }

        if (!statement.Conditions.IsDefaultOrEmpty)
        {
            writer.WriteStartObject("Condition");
            string? open = null;
            foreach (var clause in statement.Conditions)
            {
                if (!string.Equals(open, clause.Operator.Text, StringComparison.Ordinal))
                {
                    if (open is not null)
                    {
                        writer.WriteEndObject();
                    }

                    writer.WriteStartObject(clause.Operator.Text);
                    open = clause.Operator.Text;
                }

                writer.WritePropertyName(clause.Key);
                WriteValues(writer, clause.Values, clause.ValuesIsArray);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, ImmutableArray<string> values, bool isArray)
    {
        if (!isArray && values.Length == 1)
        {
            writer.WriteStringValue(values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
