namespace Ward.Aws.Policy.Syntax;

public enum Effect
{
    Allow,
    Deny,
}
