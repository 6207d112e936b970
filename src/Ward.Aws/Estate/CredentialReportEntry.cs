using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Estate;

/// <summary>
/// One line of the IAM credential report. A value the report gives as <c>N/A</c> or <c>not_supported</c> (or that
/// could not be read, with a diagnostic) is null, or <see cref="LastUse.Unknown"/>/<see cref="LastUse.Never"/> for uses.
/// </summary>
public sealed record CredentialReportEntry
{
    public const string RootUserName = "<root_account>";

    /// <summary>The user name; <c>&lt;root_account&gt;</c> for the root user.</summary>
    public required string User { get; init; }

    public required string Arn { get; init; }

    public required string Account { get; init; }

    public bool IsRoot => User == RootUserName;

    /// <summary>When the user was created (for the root user: the account).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Whether a console password is set; null for the root user (<c>not_supported</c>) or when unreadable.</summary>
    public bool? PasswordEnabled { get; init; }

    public LastUse PasswordLastUsed { get; init; }

    public DateTimeOffset? PasswordLastChanged { get; init; }

    public DateTimeOffset? PasswordNextRotation { get; init; }

    /// <summary>Whether an MFA device is enabled; null when unreadable.</summary>
    public bool? MfaActive { get; init; }

    /// <summary>The access keys that exist (active or not), named <c>access key 1</c> and <c>access key 2</c> after their slot.</summary>
    public ImmutableArray<Credential> AccessKeys { get; init; } = [];

    /// <summary>The X.509 signing certificates that exist, named <c>certificate 1</c> and <c>certificate 2</c>.</summary>
    public ImmutableArray<Credential> Certificates { get; init; } = [];

    /// <summary>Where the line is: the file and line number (for the base64 form, the <c>Content</c> property).</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public IEnumerable<Credential> ActiveAccessKeys => AccessKeys.Where(k => k.IsActive == true);

    /// <summary>How findings name the identity: the user name, or <c>root user of 111122223333</c>.</summary>
    public string Label => IsRoot ? $"root user of {Account}" : User;
}
