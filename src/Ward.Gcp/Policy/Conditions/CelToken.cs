namespace Ward.Gcp.Policy.Conditions;

internal enum CelTokenKind
{
    Identifier,
    String,
    Int,
    Double,
    Punctuation,
    End,
}

/// <summary>A token of a CEL expression and where it starts and ends in the text.</summary>
internal readonly record struct CelToken(CelTokenKind Kind, string Text, int Start, int End, object? Value = null)
{
    public bool Is(string punctuation) => Kind == CelTokenKind.Punctuation && Text == punctuation;
}
