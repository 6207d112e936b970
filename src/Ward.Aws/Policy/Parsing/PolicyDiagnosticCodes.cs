namespace Ward.Aws.Policy.Parsing;

/// <summary>Stable codes of policy grammar diagnostics (documented in docs/diagnostics.md).</summary>
public static class PolicyDiagnosticCodes
{
    public const string InvalidJson = "WARD2001";
    public const string NotAnObject = "WARD2002";
    public const string UnknownTopLevelElement = "WARD2003";
    public const string InvalidVersion = "WARD2004";
    public const string MissingStatement = "WARD2005";
    public const string InvalidStatement = "WARD2006";
    public const string InvalidEffect = "WARD2007";
    public const string InvalidAction = "WARD2008";
    public const string InvalidResource = "WARD2009";
    public const string InvalidPrincipal = "WARD2010";
    public const string InvalidCondition = "WARD2011";
    public const string UnknownConditionOperator = "WARD2012";
    public const string UnknownStatementElement = "WARD2013";
    public const string WrongValueType = "WARD2014";
    public const string VariablesIgnored = "WARD2015";
    public const string DuplicateKey = "WARD2016";
    public const string UnreadableConditionValue = "WARD2017";
}
