using System.Globalization;

namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// One line of an IAM credential report, in AWS's exact format (22 columns, <c>N/A</c>, <c>not_supported</c>,
/// ISO 8601 timestamps). Timestamps are written as days before <see cref="TestEstate.ReferenceTime"/>.
/// </summary>
internal sealed record ReportLine(string User)
{
    public const string RootUser = "<root_account>";

    public string Account { get; init; } = TestEstate.Account;

    public bool IsRoot => User == RootUser;

    public string Arn => IsRoot ? $"arn:aws:iam::{Account}:root" : $"arn:aws:iam::{Account}:user/{User}";

    public string Created { get; init; } = DaysAgo(800);

    public string PasswordEnabled { get; init; } = "false";

    public string PasswordLastUsed { get; init; } = "N/A";

    public string PasswordLastChanged { get; init; } = "N/A";

    public string Mfa { get; init; } = "false";

    public string Key1Active { get; init; } = "false";

    public string Key1Created { get; init; } = "N/A";

    public string Key1Used { get; init; } = "N/A";

    public string Key2Active { get; init; } = "false";

    public string Key2Created { get; init; } = "N/A";

    public string Key2Used { get; init; } = "N/A";

    /// <summary>Give the user an inline <c>Allow * *</c> policy in the GAAD (admin-equivalent).</summary>
    public bool Admin { get; init; }

    /// <summary>The account's root user line: MFA on, no access key, password not used recently.</summary>
    public static ReportLine Root() => new(RootUser) { PasswordEnabled = "not_supported", PasswordLastChanged = "not_supported", PasswordLastUsed = DaysAgo(400), Mfa = "true" };

    /// <summary>A console user with MFA who signed in yesterday.</summary>
    public static ReportLine ConsoleUser(string name) => new(name) { PasswordEnabled = "true", PasswordLastUsed = DaysAgo(1), PasswordLastChanged = DaysAgo(60), Mfa = "true" };

    /// <summary>A user with one active access key.</summary>
    public static ReportLine KeyUser(string name, int createdDaysAgo, int? usedDaysAgo) =>
        new(name) { Key1Active = "true", Key1Created = DaysAgo(createdDaysAgo), Key1Used = usedDaysAgo is { } used ? DaysAgo(used) : "N/A" };

    /// <summary>A timestamp the given number of days (fractions allowed) before the reference time, as AWS writes it.</summary>
    public static string DaysAgo(double days) =>
        TestEstate.ReferenceTime.AddDays(-days).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public string Csv
    {
        get
        {
            var notSupported = IsRoot ? "not_supported" : "N/A";
            return string.Join(
                ',',
                User, Arn, Created, PasswordEnabled, PasswordLastUsed, PasswordLastChanged, notSupported, Mfa,
                Key1Active, Key1Created, Key1Used, Where(Key1Used, "eu-west-1"), Where(Key1Used, "s3"),
                Key2Active, Key2Created, Key2Used, Where(Key2Used, "eu-west-1"), Where(Key2Used, "s3"),
                "false", "N/A", "false", "N/A");
        }
    }

    private static string Where(string used, string value) => used is "N/A" or "no_information" ? "N/A" : value;
}
