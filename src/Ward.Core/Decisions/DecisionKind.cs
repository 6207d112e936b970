namespace Ward.Core.Decisions;

public enum DecisionKind
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,

    /// <summary>The answer depends on request facts nobody gave (e.g. whether MFA was used).</summary>
    Conditional,

    /// <summary>The engine met something it cannot evaluate and refuses to guess.</summary>
    Indeterminate,
}
