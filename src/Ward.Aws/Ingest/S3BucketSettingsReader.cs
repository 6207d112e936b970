using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads Ward's <c>s3-buckets.json</c> (docs/formats/aws.md): an account's S3 Block Public Access setting and, per
/// bucket, the outputs of <c>get-public-access-block</c>, <c>get-bucket-acl</c> and <c>get-bucket-ownership-controls</c>
/// kept as the AWS CLI prints them. Null means "none configured"; a property left out means "not exported".
/// </summary>
public static class S3BucketSettingsReader
{
    public const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static readonly FrozenSet<string> TopFields = FrozenSet.ToFrozenSet(["Account", "AccountPublicAccessBlock", "S3Buckets"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> BucketFields = FrozenSet.ToFrozenSet(["Name", "Region", "PublicAccessBlock", "Acl", "OwnershipControls"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> Flags = FrozenSet.ToFrozenSet(["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> AclFields = FrozenSet.ToFrozenSet(["Owner", "Grants"], StringComparer.Ordinal);
    private static readonly FrozenSet<string> GranteeFields = FrozenSet.ToFrozenSet(["Type", "ID", "DisplayName", "URI", "EmailAddress"], StringComparer.Ordinal);

    /// <summary>The permissions a bucket ACL grant can hold.</summary>
    public static FrozenSet<string> Permissions { get; } = FrozenSet.ToFrozenSet(["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"], StringComparer.Ordinal);

    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("S3Buckets", out _);

    /// <summary>The account's setting (null when the file names no usable account) and its buckets.</summary>
    public static (S3AccountSettings? Account, ImmutableArray<S3BucketSettings> Buckets) Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        json.CheckFields(root, JsonPath.Root, "an s3-buckets file", TopFields);
        var account = json.String(root, "Account", JsonPath.Root);
        if (account is null || !AwsPrincipal.IsAccountId(account))
        {
            Report(json, account is null
                ? "the file has no `Account`: the buckets' owner is not known; the file was skipped"
                : $"`Account` must be a 12-digit account id, found `{account}`; the file was skipped", account is null ? JsonPath.Root : "$.Account");
            return (null, []);
        }

        if (root.GetProperty("S3Buckets").ValueKind != JsonValueKind.Array)
        {
            Report(json, "`S3Buckets` must be an array of bucket entries; the file was skipped", "$.S3Buckets");
            return (null, []);
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

        return (accountSettings, buckets.ToImmutable());
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
