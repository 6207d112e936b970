using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Ward.Aws.Estate;

namespace Ward.Aws.Edges;

/// <summary>
/// The credential report's line of each exported user, by ARN: what the techniques that give a user a credential need
/// to know (IAM refuses a third access key, a second login profile, and an update of a login profile that does not
/// exist). Null for a user no exported report lists: then nothing is known, and nothing is refused.
/// </summary>
public static class UserCredentials
{
    private static readonly ConditionalWeakTable<AwsEstate, FrozenDictionary<string, CredentialReportEntry>> Lines = new();

    public static CredentialReportEntry? Of(AwsEstate estate, string userArn)
    {
        ArgumentNullException.ThrowIfNull(estate);
        return Lines.GetValue(estate, Index).GetValueOrDefault(userArn);
    }

    /// <summary>Whether the report shows both access key slots of the user taken (active or not: both count towards IAM's quota of two).</summary>
    public static bool HasTwoAccessKeys(AwsEstate estate, string userArn) => Of(estate, userArn) is { AccessKeys.Length: >= 2 };

    private static FrozenDictionary<string, CredentialReportEntry> Index(AwsEstate estate) =>
        estate.Accounts.Where(a => a.CredentialReport is not null).SelectMany(a => a.CredentialReport!.Users)
            .DistinctBy(e => e.Arn, StringComparer.Ordinal)
            .ToFrozenDictionary(e => e.Arn, StringComparer.Ordinal);
}
