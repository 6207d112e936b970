namespace Ward.Core.Model;

/// <summary>A long-lived secret with which an identity signs in or signs requests.</summary>
public enum CredentialKind
{
    /// <summary>A console (web sign-in) password.</summary>
    Password,

    /// <summary>A programmatic key pair (AWS access key, service account key, client secret).</summary>
    AccessKey,

    /// <summary>An X.509 signing certificate.</summary>
    SigningCertificate,
}
