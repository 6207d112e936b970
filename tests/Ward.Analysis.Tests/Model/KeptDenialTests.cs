using Ward.Core.Decisions;

namespace Ward.Analysis.Tests.Model;

/// <summary>
/// What decision caches keep of a denial (its kind alone), and what askers get back: a denial of that kind, explained
/// by asking again, never the kept kind itself.
/// </summary>
public sealed class KeptDenialTests
{
    private static readonly Explanation Refused = Explanation.Of("no statement allows `iam:PassRole` on `role/app`");

    [Fact]
    public void A_denial_is_kept_as_its_kind_and_any_other_decision_as_itself()
    {
        var allowed = new Allowed(Explanation.Of("allowed"));
        var conditional = new Conditional(["aws:MultiFactorAuthPresent is true"], DecisionKind.ImplicitDeny, Explanation.Of("conditional"));

        var implicitly = KeptDenial.Keep(new ImplicitDeny(Refused));
        var explicitly = KeptDenial.Keep(new ExplicitDeny(Refused));

        Assert.Same(implicitly, KeptDenial.Keep(new ImplicitDeny(() => Refused)));
        Assert.Same(explicitly, KeptDenial.Keep(new ExplicitDeny(() => Refused)));
        Assert.Equal(DecisionKind.ImplicitDeny, implicitly.Kind);
        Assert.Equal(DecisionKind.ExplicitDeny, explicitly.Kind);
        Assert.True(KeptDenial.IsKind(implicitly) && KeptDenial.IsKind(explicitly));
        Assert.Same(allowed, KeptDenial.Keep(allowed));
        Assert.Same(conditional, KeptDenial.Keep(conditional));
        Assert.False(KeptDenial.IsKind(allowed) || KeptDenial.IsKind(new ImplicitDeny(Refused)) || KeptDenial.IsKind(null));
    }

    [Fact]
    public void An_asker_gets_a_denial_of_the_kept_kind_explained_by_asking_again()
    {
        var asked = 0;
        Explanation AskAgain()
        {
            asked++;
            return Refused;
        }

        var recalled = KeptDenial.Recall(KeptDenial.Keep(new ExplicitDeny(Refused)), AskAgain);

        Assert.IsType<ExplicitDeny>(recalled);
        Assert.False(KeptDenial.IsKind(recalled));
        Assert.Equal(0, asked);
        Assert.Same(Refused, recalled.Explanation);
        Assert.Equal(1, asked);
        Assert.IsType<ImplicitDeny>(KeptDenial.Recall(KeptDenial.Keep(new ImplicitDeny(Refused)), AskAgain));
    }

    [Fact]
    public void A_kept_kind_handed_out_unrecalled_says_so_when_read()
    {
        var kept = KeptDenial.Keep(new ImplicitDeny(Refused));

        var error = Assert.Throws<InvalidOperationException>(() => kept.Explanation);

        Assert.Contains("without being recalled", error.Message, StringComparison.Ordinal);
    }
}
