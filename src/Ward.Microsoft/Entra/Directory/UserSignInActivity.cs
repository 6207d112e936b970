namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A user's <c>signInActivity</c> (needs <c>AuditLog.Read.All</c> and Entra ID P1). A null time means no sign-in of
/// that kind was recorded; <c>lastSuccessfulSignInDateTime</c> is only recorded since December 2023.
/// </summary>
public sealed record UserSignInActivity
{
    /// <summary>The last interactive sign-in attempt, successful or not.</summary>
    public DateTimeOffset? LastSignIn { get; init; }

    /// <summary>The last non-interactive sign-in attempt (a client acting for the user), successful or not.</summary>
    public DateTimeOffset? LastNonInteractiveSignIn { get; init; }

    /// <summary>The last successful sign-in, interactive or not.</summary>
    public DateTimeOffset? LastSuccessfulSignIn { get; init; }

    /// <summary>
    /// Whether the export carries <c>lastSuccessfulSignInDateTime</c> (null or not): exports made before Graph had it, and
    /// tools that leave it out, do not, and then a missing success says nothing.
    /// </summary>
    public bool SuccessfulSignInExported { get; init; }
}
