using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads Ward's <c>s3-buckets.json</c> (docs/formats/aws.md): an account's S3 Block Public Access setting; per
/// bucket, the outputs of <c>get-public-access-block</c>, <c>get-bucket-acl</c> and <c>get-bucket-ownership-controls</c>;
/// per access point, the outputs of <c>get-access-point</c> and <c>get-access-point-policy</c>; all kept as the AWS CLI
/// prints them. Null means "none configured"; a property left out means "not exported".
/// </summary>
public static class S3BucketSettingsReader
{
    public const string AccessPointType = "AWS::S3::AccessPoint";

    public const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static readonly FrozenSet<string> TopFields = FrozenSet.ToFrozenSet(["Account", "AccountPublicAccessBlock", "S3Buckets", "AccessPoints"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> AccessPointEntryFields = FrozenSet.ToFrozenSet(["Region", "AccessPoint", "Policy"], StringComparer.Ordinal);

    // `get-access-point` prints these (`list-access-points` entries are a subset).
    private static readonly FrozenSet<string> AccessPointFields = FrozenSet.ToFrozenSet(
        ["Name", "Bucket", "NetworkOrigin", "VpcConfiguration", "PublicAccessBlockConfiguration", "CreationDate", "Alias", "AccessPointArn", "Endpoints", "BucketAccountId", "DataSourceId", "DataSourceType"],
        StringComparer.Ordinal);
    private static readonly FrozenSet<string> BucketFields = FrozenSet.ToFrozenSet(["Name", "Region", "PublicAccessBlock", "Acl", "OwnershipControls"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Flags = FrozenSet.ToFrozenSet(["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> AclFields = FrozenSet.ToFrozenSet(["Owner", "Grants"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> GranteeFields = FrozenSet.ToFrozenSet(["Type", "ID", "DisplayName", "URI", "EmailAddress"], StringComparer.Ordinal);

    /// <summary>The permissions a bucket ACL grant can hold.</summary>
    public static FrozenSet<string> Permissions { get; } = FrozenSet.ToFrozenSet(["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"], StringComparer.Ordinal);

    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("S3Buckets", out _);

    /// <summary>What one file holds: the account's setting (null when the file names no usable account), its buckets, its access points and their policies.</summary>
    public sealed record Export(S3AccountSettings? Account, ImmutableArray<S3BucketSettings> Buckets, ImmutableArray<S3AccessPoint> AccessPoints, ImmutableArray<AwsResourcePolicy> AccessPointPolicies);

    public static Export Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        json.CheckFields(root, JsonPath.Root, "an s3-buckets file", TopFields);
        var account = json.String(root, "Account", JsonPath.Root);
        if (account is null || !AwsPrincipal.IsAccountId(account))
        {
            Report(json, account is null
                ? "the file has no `Account`: the buckets' owner is not known; the file was skipped"
                : $"`Account` must be a 12-digit account id, found `{account}`; the file was skipped", account is null ? JsonPath.Root : "$.Account");
            return new Export(null, [], [], []);
        }

        if (root.GetProperty("S3Buckets").ValueKind != JsonValueKind.Array)
        {
            Report(json, "`S3Buckets` must be an array of bucket entries; the file was skipped", "$.S3Buckets");
            return new Export(null, [], [], []);
        }

        var accountSettings = new S3AccountSettings { Account = account, Location = json.At(JsonPath.Root) };
        if (root.TryGetProperty("AccountPublicAccessBlock", out var accountBlock))
        {
            accountSettings = accountSettings with
            {
                PublicAccessBlock = PublicAccessBlock(accountBlock, "$.AccountPublicAccessBlock", json, out var known),
                PublicAccessBlockKnown = known,
            };
        }

        var buckets = ImmutableArray.CreateBuilder<S3BucketSettings>();
        foreach (var (item, path) in json.Objects(root, "S3Buckets", JsonPath.Root))
        {
            json.CheckFields(item, path, "an S3 bucket entry", BucketFields);
            if (Bucket(item, path, account, json) is { } bucket)
            {
                buckets.Add(bucket);
            }
        }

        var accessPoints = ImmutableArray.CreateBuilder<S3AccessPoint>();
        var policies = ImmutableArray.CreateBuilder<AwsResourcePolicy>();
        foreach (var (item, path) in json.Objects(root, "AccessPoints", JsonPath.Root))
        {
            json.CheckFields(item, path, "an access point entry", AccessPointEntryFields);
            if (AccessPoint(item, path, account, json) is { } accessPoint)
            {
                accessPoints.Add(accessPoint);
                if (AccessPointPolicy(item, path, accessPoint, json) is { } policy)
                {
                    policies.Add(policy);
                }
            }
        }

        return new Export(accountSettings, buckets.ToImmutable(), accessPoints.ToImmutable(), policies.ToImmutable());
    }

    /// <summary>The <c>get-access-point</c> output of one entry; null (reported) when it names no usable access point.</summary>
    private static S3AccessPoint? AccessPoint(JsonElement item, string path, string account, JsonReading json)
    {
        var pointPath = JsonPath.Property(path, "AccessPoint");
        if (!item.TryGetProperty("AccessPoint", out var point) || point.ValueKind != JsonValueKind.Object)
        {
            Report(json, "the entry has no `AccessPoint` object (the output of `get-access-point`); it was skipped", item.TryGetProperty("AccessPoint", out _) ? pointPath : path);
            return null;
        }

        json.CheckFields(point, pointPath, "an access point", AccessPointFields);
        var name = json.String(point, "Name", pointPath, required: true);
        var bucket = json.String(point, "Bucket", pointPath, required: true);
        if (name is null || bucket is null)
        {
            return null;
        }

        var region = json.String(item, "Region", path);
        var arnText = json.String(point, "AccessPointArn", pointPath);
        string arnValue;
        if (arnText is not null)
        {
            if (!Arn.TryParse(arnText, out var arn) || arn.Service != "s3" || arn.Resource != $"accesspoint/{name}" || arn.Region.Length == 0)
            {
                Report(json, $"`{arnText}` is not the ARN of access point `{name}` (arn:aws:s3:REGION:ACCOUNT:accesspoint/{name}); the entry was skipped", JsonPath.Property(pointPath, "AccessPointArn"));
                return null;
            }

            if (arn.Account != account)
            {
                Report(json, $"access point `{arnText}` belongs to account {arn.Account}, not to the file's account {account}; the entry was skipped", JsonPath.Property(pointPath, "AccessPointArn"));
                return null;
            }

            arnValue = arnText;
            region ??= arn.Region;
        }
        else if (region is not null)
        {
            arnValue = $"arn:aws:s3:{region}:{account}:accesspoint/{name}";
        }
        else
        {
            Report(json, $"access point `{name}` has neither `AccessPointArn` nor the entry's `Region`: its ARN is not known; the entry was skipped", pointPath);
            return null;
        }

        var bucketAccount = json.String(point, "BucketAccountId", pointPath);
        if (bucketAccount is not null && !AwsPrincipal.IsAccountId(bucketAccount))
        {
            Report(json, $"`BucketAccountId` must be a 12-digit account id, found `{bucketAccount}`; the bucket is taken as the access point account's", JsonPath.Property(pointPath, "BucketAccountId"));
            bucketAccount = null;
        }

        var accessPoint = new S3AccessPoint
        {
            Arn = arnValue,
            Name = name,
            Account = account,
            Region = region,
            Bucket = bucket,
            BucketAccount = bucketAccount ?? account,
            NetworkOrigin = "Internet",
            Location = json.At(path),
        };
        if (point.TryGetProperty("PublicAccessBlockConfiguration", out var block))
        {
            accessPoint = accessPoint with { PublicAccessBlock = PublicAccessBlock(block, JsonPath.Property(pointPath, "PublicAccessBlockConfiguration"), json, out var known), PublicAccessBlockKnown = known };
        }

        return NetworkOrigin(point, pointPath, accessPoint, json);
    }

    /// <summary>
    /// <c>NetworkOrigin</c> and <c>VpcConfiguration.VpcId</c>. A value that cannot be read leaves the access point open
    /// to the Internet: Ward never credits a VPC restriction it could not read.
    /// </summary>
    private static S3AccessPoint NetworkOrigin(JsonElement point, string pointPath, S3AccessPoint accessPoint, JsonReading json)
    {
        var origin = json.String(point, "NetworkOrigin", pointPath, required: true);
        string? vpc = null;
        if (point.TryGetProperty("VpcConfiguration", out var configuration) && configuration.ValueKind == JsonValueKind.Object)
        {
            vpc = json.String(configuration, "VpcId", JsonPath.Property(pointPath, "VpcConfiguration"));
        }

        switch (origin)
        {
            case "Internet" or null:
                return accessPoint;
            case "VPC" when vpc is not null:
                return accessPoint with { NetworkOrigin = "VPC", VpcId = vpc };
            case "VPC":
                Report(json, $"access point `{accessPoint.Name}` has network origin VPC but no `VpcConfiguration.VpcId`; taken as reachable from the Internet", JsonPath.Property(pointPath, "NetworkOrigin"));
                return accessPoint;
            default:
                Report(json, $"`NetworkOrigin` must be `Internet` or `VPC`, found `{origin}`; taken as `Internet`", JsonPath.Property(pointPath, "NetworkOrigin"));
                return accessPoint;
        }
    }

    /// <summary>
    /// <c>{"Policy": "..."}</c> as <c>get-access-point-policy</c> prints it (the bare policy is accepted too); null when the
    /// access point has none (<c>NoSuchAccessPointPolicy</c>) or the entry leaves it out (not exported).
    /// </summary>
    private static AwsResourcePolicy? AccessPointPolicy(JsonElement item, string path, S3AccessPoint accessPoint, JsonReading json)
    {
        if (!item.TryGetProperty("Policy", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var policyPath = JsonPath.Property(path, "Policy");
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("Policy", out var inner))
        {
            element = inner;
            policyPath = JsonPath.Property(policyPath, "Policy");
        }

        if (element.ValueKind is not (JsonValueKind.String or JsonValueKind.Object) || (element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString())))
        {
            Report(json, $"an access point policy must be the output of `get-access-point-policy` (an object with the policy as a JSON string in `Policy`) or null, found {PolicyParser.Describe(element.ValueKind)}; access point `{accessPoint.Name}` is taken as having no policy, so it lets no other account in", policyPath);
            return null;
        }

        var parsed = PolicyParser.Parse(element, PolicyKind.Resource, json.At(policyPath));
        json.Diagnostics.AddRange(parsed.Diagnostics);
        var document = parsed.Document ?? PolicyDocument.Unreadable($"the policy of access point `{accessPoint.Arn}` could not be read");
        if (parsed.Document is not null)
        {
            json.Diagnostics.AddRange(CatalogChecks.Default.Check(document, json.At(policyPath)));
        }

        return new AwsResourcePolicy
        {
            Arn = accessPoint.Arn,
            Type = AccessPointType,
            Account = accessPoint.Account,
            Region = accessPoint.Region,
            Document = document,
            Location = json.At(policyPath),
        };
    }

    private static S3BucketSettings? Bucket(JsonElement item, string path, string account, JsonReading json)
    {
        var name = json.String(item, "Name", path);
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
        {
            Report(json, name is null ? "the entry has no bucket `Name`; it was skipped" : $"`{name}` is not a bucket name; the entry was skipped", name is null ? path : JsonPath.Property(path, "Name"));
            return null;
        }

        var bucket = new S3BucketSettings
        {
            Arn = $"arn:aws:s3:::{name}",
            Name = name,
            Account = account,
            Region = json.String(item, "Region", path),
            Location = json.At(path),
        };
        if (item.TryGetProperty("PublicAccessBlock", out var block))
        {
            bucket = bucket with { PublicAccessBlock = PublicAccessBlock(block, JsonPath.Property(path, "PublicAccessBlock"), json, out var known), PublicAccessBlockKnown = known };
        }

        if (item.TryGetProperty("Acl", out var acl))
        {
            bucket = bucket with { Acl = Acl(acl, JsonPath.Property(path, "Acl"), json) };
        }

        if (item.TryGetProperty("OwnershipControls", out var ownership))
        {
            bucket = bucket with { ObjectOwnership = ObjectOwnership(ownership, JsonPath.Property(path, "OwnershipControls"), json) };
        }

        return bucket;
    }

    /// <summary>
    /// <c>{"PublicAccessBlockConfiguration": {...}}</c> as <c>get-public-access-block</c> prints it (the bare
    /// configuration is accepted too); null means none is configured. A flag that is not a boolean is reported and taken as off.
    /// </summary>
    private static S3PublicAccessBlock PublicAccessBlock(JsonElement element, string path, JsonReading json, out bool known)
    {
        known = true;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return S3PublicAccessBlock.None;
        }

        var configuration = element;
        var configurationPath = path;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("PublicAccessBlockConfiguration", out var inner))
        {
            configuration = inner;
            configurationPath = JsonPath.Property(path, "PublicAccessBlockConfiguration");
        }

        if (configuration.ValueKind != JsonValueKind.Object)
        {
            known = false;
            Report(json, $"a Block Public Access setting must be the output of `get-public-access-block` (an object with `PublicAccessBlockConfiguration`) or null, found {PolicyParser.Describe(configuration.ValueKind)}; taken as not exported", configurationPath);
            return S3PublicAccessBlock.None;
        }

        json.CheckFields(configuration, configurationPath, "a PublicAccessBlockConfiguration", Flags);
        return new S3PublicAccessBlock(
            Flag(configuration, "BlockPublicAcls", configurationPath, json),
            Flag(configuration, "IgnorePublicAcls", configurationPath, json),
            Flag(configuration, "BlockPublicPolicy", configurationPath, json),
            Flag(configuration, "RestrictPublicBuckets", configurationPath, json));
    }

    private static bool Flag(JsonElement configuration, string name, string path, JsonReading json)
    {
        if (!configuration.TryGetProperty(name, out var value))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.ValueKind == JsonValueKind.True;
        }

        Report(json, $"`{name}` must be true or false, found {PolicyParser.Describe(value.ValueKind)}; taken as off (what it blocks is reported as reachable)", JsonPath.Property(path, name));
        return false;
    }

    private static S3BucketAcl? Acl(JsonElement element, string path, JsonReading json)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Report(json, $"`Acl` must be the output of `get-bucket-acl` (an object with `Owner` and `Grants`), found {PolicyParser.Describe(element.ValueKind)}; taken as not exported", path);
            return null;
        }

        json.CheckFields(element, path, "a bucket ACL", AclFields);
        string? owner = null;
        if (element.TryGetProperty("Owner", out var ownerElement) && ownerElement.ValueKind == JsonValueKind.Object)
        {
            owner = json.String(ownerElement, "ID", JsonPath.Property(path, "Owner"));
        }

        var grants = ImmutableArray.CreateBuilder<S3AclGrant>();
        foreach (var (grant, grantPath) in json.Objects(element, "Grants", path))
        {
            var permission = json.String(grant, "Permission", grantPath, required: true);
            if (permission is null)
            {
                continue;
            }

            if (!Permissions.Contains(permission))
            {
                Report(json, $"`{permission}` is not a bucket ACL permission (READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL); the grant was skipped", JsonPath.Property(grantPath, "Permission"));
                continue;
            }

            if (!grant.TryGetProperty("Grantee", out var grantee) || grantee.ValueKind != JsonValueKind.Object)
            {
                Report(json, "the grant has no `Grantee` object; it was skipped", grantPath);
                continue;
            }

            var granteePath = JsonPath.Property(grantPath, "Grantee");
            json.CheckFields(grantee, granteePath, "an ACL grantee", GranteeFields);
            if (Grantee(grantee, granteePath, json) is { } who)
            {
                grants.Add(new S3AclGrant(who.Kind, who.Id, permission, json.At(grantPath)));
            }
        }

        return new S3BucketAcl(owner, grants.ToImmutable());
    }

    private static (S3AclGranteeKind Kind, string Id)? Grantee(JsonElement grantee, string path, JsonReading json)
    {
        var type = json.String(grantee, "Type", path, required: true);
        switch (type)
        {
            case "CanonicalUser":
                return json.String(grantee, "ID", path, required: true) is { } id ? (S3AclGranteeKind.CanonicalUser, id) : null;
            case "Group":
                var uri = json.String(grantee, "URI", path, required: true);
                return uri switch
                {
                    null => null,
                    AllUsersUri => (S3AclGranteeKind.AllUsers, uri),
                    AuthenticatedUsersUri => (S3AclGranteeKind.AuthenticatedUsers, uri),
                    LogDeliveryUri => (S3AclGranteeKind.LogDelivery, uri),
                    _ => Unknown(json, $"group `{uri}` is not one S3 defines (AllUsers, AuthenticatedUsers, LogDelivery); the grant is kept but not analysed", JsonPath.Property(path, "URI"), uri),
                };
            case "AmazonCustomerByEmail":
                return json.String(grantee, "EmailAddress", path) is { } email ? (S3AclGranteeKind.Other, email) : null;
            case null:
                return null;
            default:
                return Unknown(json, $"grantee type `{type}` is not one S3 defines (CanonicalUser, Group, AmazonCustomerByEmail); the grant is kept but not analysed", JsonPath.Property(path, "Type"), type);
        }
    }

    private static (S3AclGranteeKind, string) Unknown(JsonReading json, string message, string path, string id)
    {
        json.Report(IngestDiagnosticCodes.S3BucketSettings, DiagnosticSeverity.Warning, message, path);
        return (S3AclGranteeKind.Other, id);
    }

    /// <summary><c>{"OwnershipControls": {"Rules": [{"ObjectOwnership": ...}]}}</c> as the CLI prints it; null when none is set.</summary>
    private static string? ObjectOwnership(JsonElement element, string path, JsonReading json)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var controls = element;
        var controlsPath = path;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("OwnershipControls", out var inner))
        {
            controls = inner;
            controlsPath = JsonPath.Property(path, "OwnershipControls");
        }

        if (controls.ValueKind != JsonValueKind.Object)
        {
            Report(json, $"`OwnershipControls` must be the output of `get-bucket-ownership-controls` or null, found {PolicyParser.Describe(controls.ValueKind)}; ACLs are taken as enabled", controlsPath);
            return null;
        }

        string? ownership = null;
        foreach (var (rule, rulePath) in json.Objects(controls, "Rules", controlsPath))
        {
            var value = json.String(rule, "ObjectOwnership", rulePath, required: true);
            if (value is not (null or "BucketOwnerEnforced" or "BucketOwnerPreferred" or "ObjectWriter"))
            {
                Report(json, $"`{value}` is not an object ownership setting (BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter); ACLs are taken as enabled", JsonPath.Property(rulePath, "ObjectOwnership"));
                continue;
            }

            ownership ??= value;
        }

        return ownership;
    }

    private static void Report(JsonReading json, string message, string path) =>
        json.Report(IngestDiagnosticCodes.S3BucketSettings, DiagnosticSeverity.Error, message, path);
}
