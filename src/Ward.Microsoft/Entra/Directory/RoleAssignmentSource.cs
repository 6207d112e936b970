namespace Ward.Microsoft.Entra.Directory;

/// <summary>Which <c>roleManagement/directory</c> collection an assignment was read from.</summary>
public enum RoleAssignmentSource
{
    /// <summary><c>roleAssignments</c>: the assignments in force now (permanent and activated).</summary>
    RoleAssignment,

    /// <summary><c>roleAssignmentScheduleInstances</c>: in force now, with <c>assignmentType</c> Assigned or Activated and a window.</summary>
    AssignmentScheduleInstance,

    /// <summary><c>roleEligibilitySchedules</c>: eligibilities with their schedule.</summary>
    EligibilitySchedule,

    /// <summary><c>roleEligibilityScheduleInstances</c>: eligibilities as of now.</summary>
    EligibilityScheduleInstance,
}
