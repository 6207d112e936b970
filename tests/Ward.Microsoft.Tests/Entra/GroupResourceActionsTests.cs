using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>The forms of a group operation that reach a group, by its type (Microsoft's group permission subtypes).</summary>
public sealed class GroupResourceActionsTests
{
    [Theory]
    [InlineData(false, "", true, false, "groups,groups.security,groups.security.assignedMembership")]
    [InlineData(false, "DynamicMembership", true, false, "groups,groups.security")]
    [InlineData(false, "Unified", false, true, "groups,groups.unified,groups.unified.assignedMembership")]
    [InlineData(false, "Unified", true, true, "groups,groups.unified,groups.unified.assignedMembership")]
    [InlineData(false, "Unified,DynamicMembership", false, true, "groups,groups.unified")]
    [InlineData(false, "", false, true, "groups")]
    [InlineData(true, "", true, false, "groupsAssignableToRoles")]
    public void The_forms_that_reach_a_group_follow_its_type(bool roleAssignable, string groupTypes, bool securityEnabled, bool mailEnabled, string entities)
    {
        // Given a group as exported (a distribution group is mail-enabled and not security-enabled)
        var group = new EntraGroup
        {
            Id = "3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e11",
            DisplayName = "Device Admins",
            IsAssignableToRole = roleAssignable,
            GroupTypes = [.. groupTypes.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            SecurityEnabled = securityEnabled,
            MailEnabled = mailEnabled,
        };

        var forms = GroupResourceActions.For(group, "members/update").ToList();

        // Then its forms of members/update are the general one, then its type's, then (unless dynamic) the
        // assigned-membership one; a role-assignable group only its own entity's; none rests on an assumption
        Assert.Equal(entities.Split(',').Select(e => $"microsoft.directory/{e}/members/update"), forms.Select(f => f.Action), StringComparer.Ordinal);
        Assert.All(forms, f => Assert.Null(f.Assumes));
    }

    [Fact]
    public void A_group_exported_without_securityEnabled_is_reached_by_the_security_forms_on_that_assumption()
    {
        var group = new EntraGroup { Id = "3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e12", DisplayName = "Device Admins", GroupTypes = ImmutableArray<string>.Empty };

        var forms = GroupResourceActions.For(group, "owners/update").ToList();

        Assert.Equal(["microsoft.directory/groups/owners/update", "microsoft.directory/groups.security/owners/update", "microsoft.directory/groups.security.assignedMembership/owners/update"], forms.Select(f => f.Action), StringComparer.Ordinal);
        Assert.Null(forms[0].Assumes);
        Assert.All(forms.Skip(1), f => Assert.Equal("`Device Admins` is a security group (the export does not say whether it is security-enabled)", f.Assumes));
    }

    [Fact]
    public void Every_form_of_an_operation_is_listed_to_find_the_roles_that_hold_one()
    {
        Assert.Equal(
            ["groups", "groups.unified", "groups.unified.assignedMembership", "groups.security", "groups.security.assignedMembership", "groupsAssignableToRoles"],
            GroupResourceActions.AllFor("members/update").Select(a => a["microsoft.directory/".Length..^"/members/update".Length]),
            StringComparer.Ordinal);
    }
}
