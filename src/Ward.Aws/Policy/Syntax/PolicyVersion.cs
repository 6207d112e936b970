namespace Ward.Aws.Policy.Syntax;

public enum PolicyVersion
{
    /// <summary>No <c>Version</c> element: AWS treats it as 2008-10-17, so policy variables are literal text.</summary>
    Unspecified,
    Version2008,
    Version2012,
}
