using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Resources;

/// <summary>
/// Combines each bucket's Block Public Access setting with its account's, decides whether RestrictPublicBuckets
/// confines its policy, and turns the ACL grants that still count into Allow statements the evaluator applies with
/// the bucket policy (S3 user guide: "Blocking public access to your Amazon S3 storage", "Access control list (ACL)
/// overview").
/// </summary>
public static class S3BucketAccessBuilder
{
    // What each bucket ACL permission allows, by the S3 user guide's mapping of ACL permissions to policy actions.
    // WRITE lets grantees create objects; only owners may overwrite or delete existing ones.
    private static readonly FrozenDictionary<string, string[]> ActionsByPermission = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["READ"] = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"],
        ["WRITE"] = ["s3:PutObject"],
        ["READ_ACP"] = ["s3:GetBucketAcl"],
        ["WRITE_ACP"] = ["s3:PutBucketAcl"],
        ["FULL_CONTROL"] = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:PutObject", "s3:GetBucketAcl", "s3:PutBucketAcl"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The access of every bucket the settings describe, and of every bucket policy of an account whose own setting
    /// was exported (an account setting applies to all its buckets), by bucket ARN.
    /// </summary>
    public static FrozenDictionary<string, S3BucketAccess> Build(
        IReadOnlyDictionary<string, S3BucketSettings> buckets,
        IReadOnlyDictionary<string, S3AccountSettings> accounts,
        IReadOnlyDictionary<string, AwsResourcePolicy> policies)
    {
        // An account's canonical user ID is the owner of its buckets' ACLs: grants to it can be named by account.
        var canonical = buckets.Values.Where(b => b.Acl?.OwnerId is not null)
            .GroupBy(b => b.Acl!.OwnerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Account, StringComparer.Ordinal);

        var result = new Dictionary<string, S3BucketAccess>(StringComparer.Ordinal);
        foreach (var bucket in buckets.Values)
        {
            var account = accounts.GetValueOrDefault(bucket.Account);
            result[bucket.Arn] = Of(bucket.Arn, bucket.Name, bucket.Account, bucket.Region, bucket, account, policies.GetValueOrDefault(bucket.Arn), canonical);
        }

        foreach (var policy in policies.Values.Where(p => p.Type == "AWS::S3::Bucket" && !result.ContainsKey(p.Arn)))
        {
            if (accounts.TryGetValue(policy.Account, out var account))
            {
                result[policy.Arn] = Of(policy.Arn, policy.Name, policy.Account, policy.Region, null, account, policy, canonical);
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static S3BucketAccess Of(string arn, string name, string accountId, string? region, S3BucketSettings? bucket, S3AccountSettings? account, AwsResourcePolicy? policy, Dictionary<string, string> canonical)
    {
        var access = new S3BucketAccess
        {
            Arn = arn,
            Name = name,
            Account = accountId,
            Region = region ?? policy?.Region,
            BucketBlock = bucket?.PublicAccessBlock ?? S3PublicAccessBlock.None,
            AccountBlock = account?.PublicAccessBlock ?? S3PublicAccessBlock.None,
            BlockKnown = bucket?.PublicAccessBlockKnown == true && account?.PublicAccessBlockKnown == true,
            PolicyIsPublic = policy is not null && S3PublicPolicy.IsPublic(policy.Document),
            Location = bucket?.Location ?? policy?.Location ?? SourceLocation.None,
        };

        if (access.PolicyIsPublic && access.SetOn(b => b.RestrictPublicBuckets) is { } restrictedOn)
        {
            access = access with
            {
                PublicPolicyRestriction = $"S3 Block Public Access (RestrictPublicBuckets, on for {restrictedOn}) confines the public policy of bucket `{name}` to AWS services and principals of account {accountId}",
            };
        }

        if (bucket?.Acl is not { } acl)
        {
            return access;
        }

        // The owner's own grant gives its account nothing its IAM policies do not; the log delivery group is the
        // server access logging service. Neither is exposure.
        var grants = acl.Grants.Where(g => g.Grantee is S3AclGranteeKind.AllUsers or S3AclGranteeKind.AuthenticatedUsers
            || (g.Grantee == S3AclGranteeKind.CanonicalUser && !string.Equals(g.Id, acl.OwnerId, StringComparison.Ordinal) && canonical.GetValueOrDefault(g.Id) != accountId)).ToList();
        if (grants.Count == 0)
        {
            return access;
        }

        string? note = null;
        if (bucket.AclsDisabled)
        {
            note = $"ACLs are disabled (object ownership `BucketOwnerEnforced`), so S3 ignores the ACL's grants ({Describe(grants)})";
            grants.Clear();
        }
        else if (access.SetOn(b => b.IgnorePublicAcls) is { } ignoredOn && grants.Exists(g => g.IsPublic))
        {
            note = $"S3 Block Public Access (IgnorePublicAcls, on for {ignoredOn}) makes the ACL's public grants ({Describe(grants.Where(g => g.IsPublic))}) ineffective";
            grants.RemoveAll(g => g.IsPublic);
        }

        return access with
        {
            AclNote = note,
            EffectiveGrants = [.. grants],
            Acl = grants.Count == 0 ? null : new NamedPolicy($"ACL of bucket {name}", Document(arn, grants, canonical)),
        };
    }

    private static string Describe(IEnumerable<S3AclGrant> grants) => string.Join(", ", grants.Select(g => $"{g.Permission} to {g.GranteeText}"));

    /// <summary>The grants as an Allow statement each, parsed by the policy grammar like any bucket policy.</summary>
    private static PolicyDocument Document(string arn, List<S3AclGrant> grants, Dictionary<string, string> canonical)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            foreach (var grant in grants)
            {
                json.WriteStartObject();
                json.WriteString("Sid", $"ACL grant {grant.Permission} to {grant.GranteeText}");
                json.WriteString("Effect", "Allow");
                switch (grant.Grantee)
                {
                    case S3AclGranteeKind.AllUsers:
                        json.WriteString("Principal", "*");
                        break;
                    case S3AclGranteeKind.AuthenticatedUsers:
                        json.WriteStartObject("Principal");
                        json.WriteString("AWS", "*");
                        json.WriteEndObject();
                        break;
                    default:
                        json.WriteStartObject("Principal");
                        if (canonical.TryGetValue(grant.Id, out var account))
                        {
                            json.WriteString("AWS", $"arn:aws:iam::{account}:root");
                        }
                        else
                        {
                            json.WriteString("CanonicalUser", grant.Id);
                        }

                        json.WriteEndObject();
                        break;
                }

                json.WriteStartArray("Action");
                foreach (var action in ActionsByPermission[grant.Permission])
                {
                    json.WriteStringValue(action);
                }

                json.WriteEndArray();
                json.WriteStartArray("Resource");
                json.WriteStringValue(arn);
                json.WriteStringValue(arn + "/*");
                json.WriteEndArray();
                if (grant.Grantee == S3AclGranteeKind.AuthenticatedUsers)
                {
                    // Any principal of any AWS account, but not an anonymous caller (who has no account).
                    json.WriteStartObject("Condition");
                    json.WriteStartObject("Null");
                    json.WriteString("aws:PrincipalAccount", "false");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var parsed = PolicyParser.ParseText(Encoding.UTF8.GetString(stream.ToArray()), PolicyKind.Resource, grants[0].Location);
        return parsed.Document ?? PolicyDocument.Unreadable($"the ACL of `{arn}` could not be turned into statements");
    }
}
