using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

public sealed class AssignmentScheduleInstanceReaderTests
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private static readonly string Subscription = "/subscriptions/" + AzureFixtures.Production;
    private static readonly string Instances = Subscription + "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances";

    [Fact]
    public void Rest_pages_of_instances_keep_how_each_assignment_is_held()
    {
        // Given two REST pages of the subscription's instances: a PIM activation, a time-bound assignment, and on the
        // second page a standing one (the first page again in another subscription's export, as atScope() repeats it)
        var first = $$"""
            {"value": [{{Instance("5c1e9a3f-7b2d-4e84-a6f0-3d9b1c7e5a28", "Activated", "\"2026-11-28T16:00:00Z\"", linkedEligibility: true)}}, {{Instance("a8d2f6b4-1c3e-4f97-8b05-6e2a4c8d0f13", "Assigned", "\"2027-01-31T00:00:00Z\"")}}],
             "nextLink": "https://management.azure.com{{Instances}}?api-version=2020-10-01&%24filter=atScope()&%24skiptoken=Mg"}
            """;
        var second = $$"""{"value": [{{Instance("e3b7d1f9-4a6c-4b20-9d85-1f7c3a9e6b42", "Assigned", "null")}}]}""";
        using var folder = new ScratchFolder(("a/instances-1.json", first), ("a/instances-2.json", second), ("b/instances-1.json", first));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each instance is read once, with its type, end, origin and linked eligibility, and nothing is reported
        Assert.Empty(estate.Diagnostics);
        Assert.Empty(estate.EligibleAssignments);
        var byId = estate.AssignmentScheduleInstances.ToDictionary(i => i.Id[(Instances.Length + 1)..], StringComparer.Ordinal);
        Assert.Equal(3, byId.Count);
        var activation = byId["5c1e9a3f-7b2d-4e84-a6f0-3d9b1c7e5a28"];
        Assert.True(activation.IsActivation);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero), activation.EndDateTime);
        Assert.Equal($"{Subscription}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/0b4d8f2a-6e1c-4a73-9f5d-2c8e6a0b4d17", activation.LinkedRoleEligibilityScheduleInstanceId);
        Assert.Equal(("Assigned", false, new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero)), (byId["a8d2f6b4-1c3e-4f97-8b05-6e2a4c8d0f13"].AssignmentType, byId["a8d2f6b4-1c3e-4f97-8b05-6e2a4c8d0f13"].IsActivation, byId["a8d2f6b4-1c3e-4f97-8b05-6e2a4c8d0f13"].EndDateTime));
        var standing = byId["e3b7d1f9-4a6c-4b20-9d85-1f7c3a9e6b42"];
        Assert.Null(standing.EndDateTime);
        Assert.Equal(($"{Subscription}/providers/Microsoft.Authorization/roleAssignments/e3b7d1f9-4a6c-4b20-9d85-1f7c3a9e6b42", "Direct", Owner), (standing.OriginRoleAssignmentId, standing.MemberType, standing.RoleDefinitionGuid));
        Assert.Equal(AzureFixtures.Alice, standing.PrincipalId);
    }

    [Fact]
    public void A_flat_instance_without_a_type_is_an_assignment_instance_not_an_eligibility()
    {
        // Given an instance flattened by hand (no `type`): it has an eligibility's fields, and `assignmentType` too
        var flat = $$"""
            [{"id": "{{Instances}}/e3b7d1f9-4a6c-4b20-9d85-1f7c3a9e6b42", "scope": "{{Subscription}}", "principalId": "{{AzureFixtures.Alice}}", "principalType": "User",
              "roleDefinitionId": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}", "memberType": "Direct", "assignmentType": "Assigned", "endDateTime": null}]
            """;
        using var folder = new ScratchFolder(("instances.json", flat));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is read as an assignment schedule instance
        Assert.Empty(estate.Diagnostics);
        Assert.Empty(estate.EligibleAssignments);
        Assert.Equal("Assigned", Assert.Single(estate.AssignmentScheduleInstances).AssignmentType);
    }

    [Fact]
    public void An_unknown_assignment_type_is_a_warning_at_the_entry()
    {
        // Given an instance whose assignment type is neither Assigned nor Activated
        using var folder = new ScratchFolder(("instances.json", $$"""{"value": [{{Instance("e3b7d1f9-4a6c-4b20-9d85-1f7c3a9e6b42", "Eligible", "null")}}]}"""));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is kept, with a warning located at the entry
        var warning = Assert.Single(estate.Diagnostics);
        Assert.Equal((AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "$.value[0]"), (warning.Code, warning.Severity, warning.Location.JsonPath));
        Assert.Contains("`Eligible`", warning.Message, StringComparison.Ordinal);
        Assert.Single(estate.AssignmentScheduleInstances);
    }

    /// <summary>An instance of Alice's Owner assignment at the subscription, as the REST list returns it.</summary>
    private static string Instance(string guid, string assignmentType, string end, bool linkedEligibility = false) => $$"""
        {
          "id": "{{Instances}}/{{guid}}",
          "name": "{{guid}}",
          "type": "Microsoft.Authorization/roleAssignmentScheduleInstances",
          "properties": {
            "scope": "{{Subscription}}",
            "roleDefinitionId": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}",
            "principalId": "{{AzureFixtures.Alice}}",
            "principalType": "User",
            "roleAssignmentScheduleId": "{{Subscription}}/providers/Microsoft.Authorization/roleAssignmentSchedules/{{guid}}",
            "originRoleAssignmentId": "{{Subscription}}/providers/Microsoft.Authorization/roleAssignments/{{guid}}",
            "status": "Provisioned",
            "startDateTime": "2026-11-28T08:00:00Z",
            "endDateTime": {{end}},
            "linkedRoleEligibilityScheduleId": {{(linkedEligibility ? $"\"{Subscription}/providers/Microsoft.Authorization/roleEligibilitySchedules/7f3a1c5e-9b2d-4d68-8e40-5a1c7e3b9d26\"" : "null")}},
            "linkedRoleEligibilityScheduleInstanceId": {{(linkedEligibility ? $"\"{Subscription}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/0b4d8f2a-6e1c-4a73-9f5d-2c8e6a0b4d17\"" : "null")}},
            "assignmentType": "{{assignmentType}}",
            "memberType": "Direct",
            "createdOn": "2026-11-28T08:00:02.1830000Z",
            "condition": null,
            "conditionVersion": null,
            "expandedProperties": {
              "scope": {"id": "{{Subscription}}", "displayName": "Contoso Production", "type": "subscription"},
              "roleDefinition": {"id": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}", "displayName": "Owner", "type": "BuiltInRole"},
              "principal": {"id": "{{AzureFixtures.Alice}}", "displayName": "Alice Martin", "email": "alice@contoso.com", "type": "User"}
            }
          }
        }
        """;
}
