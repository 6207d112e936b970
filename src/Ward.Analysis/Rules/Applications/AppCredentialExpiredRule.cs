namespace Ward.Analysis.Rules.Applications;

/// <summary><c>app-credential-expired</c>: a client secret or certificate that expired before the reference time and is still on its object.</summary>
public sealed class AppCredentialExpiredRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "app-credential-expired",
        "Expired application credential still present",
        "credential-hygiene",
        Severity.Low,
        "A client secret or certificate of an application registration or service principal expired before the reference time but was never removed. It no longer signs in, but it clutters the object: nobody can tell at a glance which credential is in use, an expired certificate's key may still sit on some server, and an application whose only credentials have expired is often abandoned while still holding its permissions. Managed identities, Microsoft's own service principals, SAML token signing certificates and token encryption certificates are left out.",
        "Remove the expired credential from the application or service principal (`az ad app credential delete --id <appId> --key-id <keyId>`, or Remove-MgApplicationPassword / Remove-MgApplicationKey). If it was the application's only credential, ask its owners whether the application is still used, and remove its permissions and the application if not.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-management", "https://learn.microsoft.com/en-us/graph/api/application-removepassword", "https://learn.microsoft.com/en-us/cli/azure/ad/app/credential#az-ad-app-credential-delete"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var reference = microsoft.ReferenceTime;
        var credentials = ApplicationCredentials.Of(microsoft).ToList();
        var withValidCredential = credentials.Where(c => c.IsValidAt(reference)).Select(c => c.ObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var credential in credentials.Where(c => !c.IsValidAt(reference)))
        {
            var end = credential.End!.Value;
            var holdings = ServicePrincipalHoldings.Of(microsoft, credential.ServicePrincipal);
            var othersValid = withValidCredential.Contains(credential.ObjectId);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = Metadata.DefaultSeverity,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = credential.ObjectId,
                PrincipalName = credential.ObjectName,
                Title = $"The {credential.Kind} `{credential.DisplayName ?? credential.KeyId}` of `{credential.Name}` expired on {Elapsed.Day(end)}",
                Explanation = $"The {credential.Description} of the {credential.Owner} "
                    + (credential.Start is { } start ? $"was valid from {Elapsed.Day(start)} and " : string.Empty)
                    + $"expired {Elapsed.Ago(end, reference)}, and is still on the {credential.Holder}; {Elapsed.Reference(context)}. "
                    + (othersValid ? $"The {credential.Holder} has other credentials that are still valid. " : $"The {credential.Holder} has no other valid secret or certificate. ")
                    + ApplicationCredentials.Signer(credential, holdings),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, credential.ObjectId, credential.KeyId ?? credential.DisplayName ?? string.Empty),
            };
        }
    }
}
