using System.Collections.Frozen;
using System.Text.Json;

namespace Ward.Aws.Ingest;

/// <summary>
/// Tells, without building a document, that a JSON file cannot be an AWS export: every AWS reader recognises its file
/// by the names at the top of the root object (or of the first item of a root array), so a file whose top-level names
/// are none of them (a Microsoft Graph page, an az CLI list) is not parsed twice. Only a sure "no" counts: anything
/// else, invalid JSON included, goes through the full reading, which reports it.
/// </summary>
internal static class AwsExportSniffer
{
    // The names GaadReader, OrganizationReader, CredentialReportReader, ServiceLastAccessedReader, IdentityCenterReader,
    // ResourcePolicyReader and S3BucketSettingsReader recognise their files by (Recognizes); a reader that recognises a new name must add it here.
    private static readonly FrozenSet<string> RecognisedNames = FrozenSet.ToFrozenSet(
        ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "Organization", "Content", "ServiceLastAccessed", "ServicesLastAccessed",
         "PermissionSets", "AccountAssignments", "GroupMemberships", "Instances", "ResourcePolicies", "S3Buckets"],
        StringComparer.Ordinal);

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    /// <summary>
    /// True when the file cannot be an AWS export, with the line and column of its root value (where the full reading
    /// would place its "not recognised" diagnostic). A file starting with a byte order mark is left to the full reading.
    /// </summary>
    public static bool CannotBeAwsExport(ReadOnlySpan<byte> json, out int line, out int column)
    {
        line = 0;
        column = 0;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read())
            {
                return false;
            }

            var before = json[..checked((int)reader.TokenStartIndex)];
            line = before.Count((byte)'\n') + 1;
            column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return !HasRecognisedName(ref reader) && AtEnd(ref reader);
                case JsonTokenType.StartArray:
                    // ServiceLastAccessedReader recognises a non-empty array whose items all name ServiceLastAccessed.
                    if (!reader.Read() || (reader.TokenType == JsonTokenType.StartObject && HasRecognisedName(ref reader)))
                    {
                        return false;
                    }

                    return SkipRest(ref reader);
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the object the reader stands at the start of, to its end; true at the first recognised name.</summary>
    private static bool HasRecognisedName(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && RecognisedNames.Contains(reader.GetString()!))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    /// <summary>Validates what follows, so that a file the full reading would reject as invalid JSON is left to it.</summary>
    private static bool SkipRest(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        while (reader.Read())
        {
            reader.Skip();
        }

        return true;
    }

    private static bool AtEnd(ref Utf8JsonReader reader) => !reader.Read();
}
