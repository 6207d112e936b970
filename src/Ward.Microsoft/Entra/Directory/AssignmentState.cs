namespace Ward.Microsoft.Entra.Directory;

/// <summary>Whether a role or group assignment is in force, or only eligible (Privileged Identity Management: the principal must activate it).</summary>
public enum AssignmentState
{
    Active,
    Eligible,
}
