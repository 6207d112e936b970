using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// <c>resource.matchTag</c>, <c>matchTagId</c> and <c>hasTagKey</c> decided from exported tags (the tags.example lab of
/// <see cref="GcpFixtures.Tags"/>): effective listings, direct bindings inherited and overridden down the hierarchy, and
/// resources whose tags were not exported, which stay undecided.
/// </summary>
public sealed class TagConditionTests
{
    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public static TheoryData<string, string, string, DecisionKind, string> Answers => new()
    {
        // matchTag by namespaced names: tg-prod's effective listing has env/prod, inherited.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-prod", DecisionKind.Allowed, "`projects/822000000001` has tag `820000000001/env/prod` (`tagValues/281470000000011`), inherited" },
        // tg-dev's own env/dev (a direct binding, by id only) replaces the folder's env/prod.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-dev", DecisionKind.ImplicitDeny, "`projects/822000000002` has tag `820000000001/env/dev` (`tagValues/281470000000012`), bound to it" },
        // tg-sandbox's effective listing is empty: it has no tag at all.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-sandbox", DecisionKind.ImplicitDeny, "`projects/822000000004` has no tag" },
        // tg-legacy's tags were not exported: undecided, as without any tag export.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-legacy", DecisionKind.Conditional, "the tags of `projects/822000000003` are not known: neither its effective tags nor its own tag bindings were exported" },
        // The folder's own binding decides for the folder itself.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "folders/821000000001", DecisionKind.Allowed, "`folders/821000000001` has tag `820000000001/env/prod` (`tagValues/281470000000011`), bound to it" },
        // matchTagId by ids: tg-dev's binding names only the value; the values export gives its key.
        { "user:dev-lead@tags.example", "storage.buckets.delete", "projects/tg-dev", DecisionKind.Allowed, "`projects/822000000002` has tag `820000000001/env/dev` (`tagValues/281470000000012`), bound to it" },
        { "user:dev-lead@tags.example", "storage.buckets.delete", "projects/tg-prod", DecisionKind.ImplicitDeny, "has tag `820000000001/env/prod` (`tagValues/281470000000011`), inherited" },
        // hasTagKey: tg-dev inherits team/payments from its folder; tg-sandbox has no team.
        { "user:payments@tags.example", "resourcemanager.projects.get", "projects/tg-dev", DecisionKind.Allowed, "`projects/822000000002` has tag `820000000001/team/payments` (`tagValues/281470000000021`), inherited from `folders/821000000001`" },
        { "user:payments@tags.example", "resourcemanager.projects.get", "projects/tg-sandbox", DecisionKind.ImplicitDeny, "`projects/822000000004` has no tag" },
        // A deny rule under a tag condition: certain where the tag is there, absent where it is not, undecided where unknown.
        { "user:admin@tags.example", "resourcemanager.projects.delete", "projects/tg-prod", DecisionKind.ExplicitDeny, "its denial condition \"production\" (`resource.matchTag('820000000001/env', 'prod')`) holds: `projects/822000000001` has tag `820000000001/env/prod`" },
        { "user:admin@tags.example", "resourcemanager.projects.delete", "projects/tg-dev", DecisionKind.Allowed, "grants `resourcemanager.projects.delete`" },
        { "user:admin@tags.example", "resourcemanager.projects.delete", "projects/tg-legacy", DecisionKind.Conditional, "rule 0 of deny policy `keep-production` does not apply" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Tag_conditions_are_decided_from_the_exported_tags(string principal, string permission, string resource, DecisionKind expected, string explained)
    {
        // Given the tags.example lab's tag exports
        // When a principal asks about a resource whose condition or deny rule reads its tags
        var decision = Can(GcpFixtures.Tags, principal, permission, resource);

        // Then the answer follows the resource's effective tags, and says which tag decided
        Assert.Equal(expected, decision.Kind);
        var text = decision is Conditional conditional ? string.Join(" ", conditional.Requirements) : decision.Explanation.Summary;
        Assert.Contains(explained, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_tag_export_tag_conditions_stay_undecided()
    {
        // Given the same lab without its tags folder
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.TagsFolder);
        Directory.Delete(Path.Combine(scratch.Path, "tags"), recursive: true);
        var estate = Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // When release asks about tg-prod, whose tag makes the condition hold
        var decision = Can(estate, "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-prod");

        // Then the answer is conditional on the tag, saying no tags were exported
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains("is not decided: no tag bindings were exported", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    public static TheoryData<string, ConditionTruth> OnTaggedProject => new()
    {
        { "resource.matchTag(\"820000000001/env\", \"prod\")", ConditionTruth.True },
        { "resource.matchTag(\"820000000001/env\", \"dev\")", ConditionTruth.False },
        { "resource.matchTag(\"820000000001/cost-center\", \"42\")", ConditionTruth.False },
        { "resource.matchTagId(\"tagKeys/281480000000001\", \"tagValues/281470000000011\")", ConditionTruth.True },
        { "resource.matchTagId(\"tagKeys/281480000000001\", \"tagValues/281470000000012\")", ConditionTruth.False },
        { "resource.hasTagKey(\"820000000001/team\")", ConditionTruth.True },
        { "resource.hasTagKeyId(\"tagKeys/281480000000003\")", ConditionTruth.False },
        { "!resource.matchTag(\"820000000001/env\", \"prod\") || request.time < timestamp(\"2026-01-01T00:00:00Z\")", ConditionTruth.False },
    };

    [Theory]
    [MemberData(nameof(OnTaggedProject))]
    public void The_tag_functions_read_the_effective_tags(string expression, ConditionTruth expected)
    {
        // Given tg-prod's effective tags: env/prod inherited, team/payments bound to it
        var context = new ConditionContext { RequestTime = December2026, ResourceTags = TagsOf("projects/tg-prod") };

        // Then each function is decided from them
        var result = IamCondition.Parse(expression).Evaluate(context);
        Assert.Equal(expected, result.Truth);
        Assert.NotEmpty(result.Facts);
    }

    [Fact]
    public void A_direct_binding_whose_value_was_not_exported_leaves_the_key_unknown()
    {
        // Given tg-dev's direct binding of a value, without the tag values export that names its key
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.TagsFolder);
        scratch.Delete(Path.Combine("tags", "values", "tagKeys-281480000000001.json"));
        var estate = Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // When release asks about tg-dev, where env/dev replaces the folder's env/prod only if Ward knows it is a value of env
        var decision = Can(estate, "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-dev");

        // Then the answer is conditional, naming the value whose key is unknown, rather than taking the folder's env/prod
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains("the key of tag value `tagValues/281470000000012` bound to `projects/822000000002` is not known", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, DecisionKind, string> SupposedUnbound => new()
    {
        // Deleting tg-dev's own env/dev brings back the folder's env/prod, which release's grant needs.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "projects/tg-dev", "tagValues/281470000000012", DecisionKind.Allowed, "`projects/822000000002` has tag `820000000001/env/prod` (`tagValues/281470000000011`), inherited from `folders/821000000001`" },
        // Deleting the folder's own env/prod leaves it none: the organization binds no env.
        { "user:release@tags.example", "resourcemanager.projects.setIamPolicy", "folders/821000000001", "tagValues/281470000000011", DecisionKind.ImplicitDeny, "`folders/821000000001` would have no tag of key `820000000001/env`, once `820000000001/env/prod` (`tagValues/281470000000011`) is unbound from it" },
        // tg-prod inherits env/prod: it cannot be deleted there, so the deny rule under it still holds.
        { "user:admin@tags.example", "resourcemanager.projects.delete", "projects/tg-prod", "tagValues/281470000000011", DecisionKind.ExplicitDeny, "`projects/822000000001` has tag `820000000001/env/prod` (`tagValues/281470000000011`), inherited" },
    };

    [Theory]
    [MemberData(nameof(SupposedUnbound))]
    public void A_tag_binding_supposed_deleted_is_decided_with_what_the_resource_inherits_instead(string principal, string permission, string resource, string removed, DecisionKind expected, string explained)
    {
        // Given a resource of the tags.example lab and a tag value
        var located = ResourceLocator.Locate(GcpFixtures.Tags, resource, out var problem) ?? throw new InvalidOperationException(problem);

        // When the evaluator answers as if the value's binding to the resource itself were deleted
        var decision = new GcpAuthorizer(GcpFixtures.Tags).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026, SupposingTagRemoved = removed });

        // Then only a binding to the resource itself goes, the parent's value of the key comes back, and the answer says so
        Assert.Equal(expected, decision.Kind);
        Assert.Contains(explained, decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_binding_supposed_deleted_under_a_parent_whose_tags_are_unknown_leaves_that_key_unknown()
    {
        // Given tu-payments of the tag-unbinding lab, whose effective listing has env/prod bound to it, and the organization's bindings not exported
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.TagUnbindingFolder);
        scratch.Delete(Path.Combine("tags", "bindings", "cloudresourcemanager.googleapis.com", "organizations", "840000000001.json"));
        var estate = Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);
        var located = ResourceLocator.Locate(estate, "projects/tu-payments", out var problem) ?? throw new InvalidOperationException(problem);

        // When v-untagger asks for its setIamPolicy there as if env/prod were unbound from it
        var decision = new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse("user:v-untagger@tagunbind.example"), Permission = "resourcemanager.projects.setIamPolicy", Resource = located, AsOf = December2026, SupposingTagRemoved = "tagValues/281500000000011" });

        // Then which env value it would inherit is not known: the deny rule under env/prod may still apply, and the answer says why
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains("once `840000000001/env/prod` (`tagValues/281500000000011`) is unbound from `projects/842000000001`, the tags of `projects/842000000001` are not known: it inherits those of `organizations/840000000001`", string.Join(" ", conditional.Requirements), StringComparison.Ordinal);
    }

    private static ResourceTags TagsOf(string resource)
    {
        var located = ResourceLocator.Locate(GcpFixtures.Tags, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new ResourceTagResolver(GcpFixtures.Tags).Of(located);
    }

    private static Decision Can(GcpEstate estate, string principal, string permission, string resource)
    {
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026 });
    }
}
