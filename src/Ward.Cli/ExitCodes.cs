namespace Ward.Cli;

/// <summary>Ward's documented exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Findings at or above the <c>--fail-on</c> severity were reported.</summary>
    public const int FindingsAtThreshold = 1;

    /// <summary>Bad usage, or no usable input remained.</summary>
    public const int UsageOrUnusableInput = 2;
}
