namespace Ward.Microsoft.Tests;

/// <summary>Thumbprints in the forms the exports write them, all read as the same upper-case hex.</summary>
public sealed class CertificateThumbprintTests
{
    private const string Thumbprint = "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41";

    [Theory]
    [InlineData("9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41", "upper-case hex (x509ThumbprintHex, the portal's customKeyIdentifier)")]
    [InlineData("9f3a61c2b4d85e07a1c3e5f7092b4d6f8a0c2e41", "lower-case hex")]
    [InlineData("9F:3A:61:C2:B4:D8:5E:07:A1:C3:E5:F7:09:2B:4D:6F:8A:0C:2E:41", "hex pairs with colons")]
    [InlineData("nzphwrTYXgehw+X3CStNb4oMLkE=", "base64 of the hash (x509Thumbprint, customKeyIdentifier from GetCertHash)")]
    [InlineData("nzphwrTYXgehw-X3CStNb4oMLkE", "base64url without padding (Key Vault's x5t)")]
    [InlineData("OUYzQTYxQzJCNEQ4NUUwN0ExQzNFNUY3MDkyQjRENkY4QTBDMkU0MQ==", "base64 of the hex text (a Binary value set from the thumbprint string)")]
    public void Every_form_reads_as_the_same_thumbprint(string text, string form)
    {
        Assert.True(CertificateThumbprint.Parse(text) == Thumbprint, form);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CN=DaemonConsoleCert")]
    [InlineData("9F3A61C2B4D85E07")]
    [InlineData("QkJCQg==")]
    public void Anything_else_is_no_thumbprint(string? text)
    {
        Assert.Null(CertificateThumbprint.Parse(text));
    }
}
