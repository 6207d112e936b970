namespace Ward.Cli.Tests.Rules;

/// <summary>Entries of a <c>get-account-authorization-details</c> export, as the AWS CLI writes them, for estates built in tests.</summary>
internal static class GaadJson
{
    /// <summary>
    /// A user with one inline policy of the given statements (JSON objects, comma-separated), and a permissions
    /// boundary when one is named.
    /// </summary>
    public static string User(string account, string name, string statements, string policyName = "duties", string? boundary = null) => $$$"""
        {"Path": "/", "UserName": "{{{name}}}", "UserId": "AIDA{{{name.Length:D17}}}", "Arn": "arn:aws:iam::{{{account}}}:user/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         {{{(boundary is null ? string.Empty : $"\"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"{boundary}\"}},")}}}
         "UserPolicyList": [{"PolicyName": "{{{policyName}}}", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}}], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
        """;
}
