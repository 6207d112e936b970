using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Resources;

/// <summary>
/// Whether S3 deems a bucket policy public, the test S3 Block Public Access applies (S3 API reference,
/// PublicAccessBlockConfiguration): a policy is public unless each of its Allow statements grants only to fixed
/// principals, or is tied by a condition to fixed values of <c>aws:SourceArn</c>, <c>aws:SourceVpc</c>,
/// <c>aws:SourceVpce</c>, <c>aws:SourceOwner</c>, <c>aws:SourceAccount</c>,
/// <c>s3:x-amz-server-side-encryption-aws-kms-key-id</c>, <c>aws:userid</c>, <c>s3:DataAccessPointAccount</c>,
/// <c>s3:DataAccessPointArn</c> (whose access point name may be a wildcard) or to a set of <c>aws:SourceIp</c> CIDRs.
/// </summary>
/// <remarks>
/// Where the test is unsure, it answers "not public": RestrictPublicBuckets is then not credited with blocking
/// anything, so Ward may report access that S3 blocks, never hide access that S3 allows. For that reason a fixed
/// <c>aws:PrincipalOrgID</c> counts as fixing too, and an unreadable policy is not public.
/// </remarks>
public static class S3PublicPolicy
{
    private static readonly FrozenSet<string> FixingKeys = FrozenSet.ToFrozenSet(
        ["aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid", "aws:principalorgid",
            "s3:dataaccesspointaccount", "s3:dataaccesspointarn"],
        StringComparer.OrdinalIgnoreCase);

    public static bool IsPublic(PolicyDocument policy) =>
        policy.Statements.All(s => s.Problem is null) && policy.Statements.Any(IsPublic);

    /// <summary>An Allow statement that grants to a wildcard principal with no fixing condition.</summary>
    public static bool IsPublic(Statement statement)
    {
        if (statement.Effect != Effect.Allow || statement.Principal is not { } principal)
        {
            return false;
        }

        var wildcard = principal.Negated || principal.IsWildcardString
            || principal.Entries.Any(e => e.Type != PrincipalType.CanonicalUser && e.Value.Contains('*', StringComparison.Ordinal));
        return wildcard && !statement.Conditions.Any(Fixes);
    }

    private static bool Fixes(ConditionClause clause)
    {
        if (clause.Operator.IsNegated || clause.Operator.IfExists || clause.Operator.Set == SetQualifier.ForAllValues || clause.Values.IsEmpty)
        {
            return false;
        }

        if (clause.Operator.Base == BaseOperator.IpAddress && string.Equals(clause.Key, "aws:SourceIp", StringComparison.OrdinalIgnoreCase))
        {
            return clause.Values.All(IsNarrowCidr);
        }

        // An access point ARN may leave the access point's name open, as long as its account is fixed.
        var accessPointArn = string.Equals(clause.Key, "s3:DataAccessPointArn", StringComparison.OrdinalIgnoreCase);
        var fixedValues = clause.Values.All(v => accessPointArn ? FixesAccessPointAccount(v) : IsFixed(v));
        var equality = clause.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringLike
            or BaseOperator.ArnEquals or BaseOperator.ArnLike;
        return equality && fixedValues && FixingKeys.Contains(clause.Key);
    }

    private static bool IsFixed(string value) =>
        !value.Contains('*', StringComparison.Ordinal) && !value.Contains('?', StringComparison.Ordinal) && !value.Contains("${", StringComparison.Ordinal);

    /// <summary><c>arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME</c> whose account is fixed.</summary>
    private static bool FixesAccessPointAccount(string value)
    {
        var parts = value.Split(':', 6);
        return parts.Length == 6 && parts[2] == "s3" && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) && parts[5].StartsWith("accesspoint/", StringComparison.Ordinal);
    }

    /// <summary>S3 deems CIDRs wider than /8 (IPv4) or /32 (IPv6) public.</summary>
    private static bool IsNarrowCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        var width = ip.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = slash < 0 ? width : int.TryParse(value.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : -1;
        return prefix >= (ip.AddressFamily == AddressFamily.InterNetworkV6 ? 32 : 8) && prefix <= width;
    }
}
