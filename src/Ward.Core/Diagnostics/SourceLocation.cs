using System.Text;

namespace Ward.Core.Diagnostics;

/// <summary>Where in the user's input something was found: a file, a JSON path inside it and, when known, a line and column.</summary>
public readonly record struct SourceLocation(string File, string? JsonPath = null, int? Line = null, int? Column = null)
{
    public static SourceLocation None { get; } = new(string.Empty);

    public SourceLocation WithPath(string jsonPath) => this with { JsonPath = jsonPath };

    public SourceLocation WithLine(int? line, int? column) => this with { Line = line, Column = column };

    public override string ToString()
    {
        var builder = new StringBuilder(File);
        if (Line is { } line)
        {
            builder.Append(':').Append(line);
            if (Column is { } column)
            {
                builder.Append(':').Append(column);
            }
        }

        if (!string.IsNullOrEmpty(JsonPath))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append("at ").Append(JsonPath);
        }

        return builder.ToString();
    }
}
