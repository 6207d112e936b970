namespace Ward.Aws.Policy.Matching;

/// <summary>An ARN split into its six colon-separated parts; the resource part keeps any further colons.</summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public static bool TryParse(string text, out Arn arn)
    {
        arn = default;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var span = text.AsSpan(4);
        Span<Range> parts = stackalloc Range[5];
        var count = span.Split(parts, ':');
        if (count < 5)
        {
            return false;
        }

        // Split puts the remainder (with its colons) in the last range.
        arn = new Arn(span[parts[0]].ToString(), span[parts[1]].ToString(), span[parts[2]].ToString(), span[parts[3]].ToString(), span[parts[4]].ToString());
        return true;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
