using System.Buffers.Text;

namespace Ward.Microsoft;

/// <summary>
/// SHA-1 certificate thumbprints as upper-case hex, from the forms exports write them in: hex (the az CLI's
/// <c>x509ThumbprintHex</c>, Microsoft Graph's <c>customKeyIdentifier</c> as the portal sets it), base64 (the az CLI's
/// <c>x509Thumbprint</c>, a <c>customKeyIdentifier</c> set from the certificate hash) or base64url (Key Vault's
/// <c>x5t</c>). Anything else is not a thumbprint: null.
/// </summary>
/// <remarks>
/// Graph's <c>customKeyIdentifier</c> is Edm.Binary, written as base64, and documented as "a 40-character binary type"
/// that defaults to the thumbprint: the hex digits are themselves that base64 text (of thirty bytes), which is why
/// forty hex digits are read as hex before any base64 decoding.
/// </remarks>
public static class CertificateThumbprint
{
    private const int Sha1Length = 20;

    /// <summary>Forty hex digits (colons or spaces between pairs allowed), or base64 / base64url of twenty bytes.</summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = text.Trim().Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length == Sha1Length * 2 && compact.All(char.IsAsciiHexDigit))
        {
            return compact.ToUpperInvariant();
        }

        var bytes = Decode(compact);
        if (bytes is null)
        {
            return null;
        }

        if (bytes.Length == Sha1Length)
        {
            return Convert.ToHexString(bytes);
        }

        // The hex thumbprint's own characters, base64-encoded (Graph's Binary type around a value set as text).
        return bytes.Length == Sha1Length * 2 && bytes.All(b => char.IsAsciiHexDigit((char)b))
            ? System.Text.Encoding.ASCII.GetString(bytes).ToUpperInvariant()
            : null;
    }

    private static byte[]? Decode(string text)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            return buffer[..written];
        }

        return Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
    }
}
