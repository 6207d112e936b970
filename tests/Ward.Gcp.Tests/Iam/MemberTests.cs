using Ward.Gcp.Iam;

namespace Ward.Gcp.Tests.Iam;

public sealed class MemberTests
{
    public static TheoryData<string, MemberKind, string> Identifiers => new()
    {
        { "user:alice@example.com", MemberKind.User, "alice@example.com" },
        { "serviceAccount:ci@build-prod.iam.gserviceaccount.com", MemberKind.ServiceAccount, "ci@build-prod.iam.gserviceaccount.com" },
        { "serviceAccount:build-prod.svc.id.goog[ci/runner]", MemberKind.ServiceAccount, "build-prod.svc.id.goog[ci/runner]" },
        { "group:admins@example.com", MemberKind.Group, "admins@example.com" },
        { "domain:example.com", MemberKind.Domain, "example.com" },
        { "allUsers", MemberKind.AllUsers, "" },
        { "allAuthenticatedUsers", MemberKind.AllAuthenticatedUsers, "" },
        { "principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alice", MemberKind.Principal, "principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alice" },
        { "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/app", MemberKind.PrincipalSet, "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/app" },
        { "projectOwner:build-prod", MemberKind.ProjectOwner, "build-prod" },
        { "projectEditor:build-prod", MemberKind.ProjectEditor, "build-prod" },
        { "projectViewer:build-prod", MemberKind.ProjectViewer, "build-prod" },
        { "robot:r2d2", MemberKind.Unknown, "robot:r2d2" },
        { "user:", MemberKind.Unknown, "user:" },
    };

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Every_identifier_form_is_parsed_to_its_kind_and_id(string text, MemberKind kind, string id)
    {
        // Given an identifier as a policy writes it
        // When it is parsed
        var member = Member.Parse(text);

        // Then its kind and id are told apart, and the text is kept
        Assert.Equal(kind, member.Kind);
        Assert.Equal(id, member.Id);
        Assert.Equal(text, member.Text);
        Assert.False(member.IsDeleted);
    }

    [Fact]
    public void A_deleted_principal_keeps_its_kind_email_and_unique_id()
    {
        // Given a binding member of a deleted service account
        var member = Member.Parse("deleted:serviceAccount:old-ci@build-prod.iam.gserviceaccount.com?uid=108234567890123456789");

        // Then it is a deleted service account with its unique id
        Assert.True(member.IsDeleted);
        Assert.Equal(MemberKind.ServiceAccount, member.Kind);
        Assert.Equal("old-ci@build-prod.iam.gserviceaccount.com", member.Id);
        Assert.Equal("108234567890123456789", member.DeletedUid);
    }

    [Fact]
    public void Emails_and_domains_compare_case_insensitively()
    {
        // Given the same user and domain written with different casing
        // Then they are the same principal
        Assert.Equal(Member.Parse("user:Alice@Example.com"), Member.Parse("user:alice@example.com"));
        Assert.Equal(Member.Parse("domain:EXAMPLE.com").GetHashCode(), Member.Parse("domain:example.com").GetHashCode());
    }

    [Fact]
    public void Pool_identifiers_and_project_ids_compare_exactly()
    {
        // Given pool subjects and project ids that differ only in casing
        // Then they are different principals
        Assert.NotEqual(Member.Parse("principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/Alice"), Member.Parse("principal://iam.googleapis.com/locations/global/workforcePools/staff/subject/alice"));
        Assert.NotEqual(Member.Parse("projectOwner:Build-Prod"), Member.Parse("projectOwner:build-prod"));
    }

    [Fact]
    public void A_deleted_principal_is_not_the_live_one_of_the_same_email()
    {
        // Given a live user and a deleted user of the same email
        // Then they differ: a new account reusing the email does not inherit the deleted one's bindings
        Assert.NotEqual(Member.Parse("user:bob@example.com"), Member.Parse("deleted:user:bob@example.com?uid=1234"));
    }

    [Fact]
    public void Different_kinds_with_the_same_email_are_different_principals()
    {
        // Given a user and a group sharing an address
        // Then they are not the same member
        Assert.NotEqual(Member.Parse("user:ops@example.com"), Member.Parse("group:ops@example.com"));
    }
}
