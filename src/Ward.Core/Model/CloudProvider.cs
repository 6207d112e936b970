namespace Ward.Core.Model;

public enum CloudProvider
{
    Aws,
    Azure,
    Entra,
    Gcp,
}
