namespace Ward.Microsoft.Pim;

/// <summary>Who a PIM approval stage names as an approver.</summary>
public enum ApproverKind
{
    User,

    /// <summary>Any member of the group may approve.</summary>
    Group,

    /// <summary>Another user set (the requestor's manager, sponsors …): named by its description only.</summary>
    Other,
}
