using CloudRebue.Core.Phones;
using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class SendGuardsTests
{
    private static OutgoingMessage Msg(string phone, long row, string text = "hi") => new(phone, text, "ACME", "c" + row, null, null, null, row);

    [Fact]
    public void ExcludedNumbersAreSkippedWithTheirReason()
    {
        var guards = new SendGuards(new UnitGuard(), new ExcludeList(new[] { "0712345678" }), allowDuplicates: false);
        SendResult? excluded = guards.Screen(Msg("254712345678", 1), DateTimeOffset.Now);
        Assert.Equal(SendStatus.Skipped, excluded!.Status);
        Assert.Equal(SendErrorIds.Excluded, excluded.ErrorId);
        Assert.Null(guards.Screen(Msg("254722000000", 2), DateTimeOffset.Now));
        Assert.Equal(1, guards.Excluded);
    }

    [Fact]
    public void RepeatsAreSkippedUnlessAllowed()
    {
        var strict = new SendGuards(new UnitGuard(), null, allowDuplicates: false);
        Assert.Null(strict.Screen(Msg("254712345678", 1), DateTimeOffset.Now));
        Assert.Equal(SendErrorIds.Duplicate, strict.Screen(Msg("254712345678", 2), DateTimeOffset.Now)!.ErrorId);
        Assert.Contains(strict.Warnings(), w => w.StartsWith("1 repeat(s)"));

        var lenient = new SendGuards(new UnitGuard(), null, allowDuplicates: true);
        Assert.Null(lenient.Screen(Msg("254712345678", 1), DateTimeOffset.Now));
        Assert.Null(lenient.Screen(Msg("254712345678", 2), DateTimeOffset.Now));
        Assert.Empty(lenient.Warnings());
    }

    [Fact]
    public void AnOverCapTextIsInvalidBeforeItCountsAsARepeatOrAnExclusion()
    {
        var guards = new SendGuards(new UnitGuard(1), new ExcludeList(new[] { "0712345678" }), allowDuplicates: false);
        Assert.Equal(SendErrorIds.OverUnitCap, guards.Screen(Msg("254712345678", 1, new string('x', 200)), DateTimeOffset.Now)!.ErrorId);
        Assert.Equal(0, guards.Excluded);
    }

    [Fact]
    public void TheBudgetWarningComesAtTheEnd()
    {
        var guards = new SendGuards(new UnitGuard(maxUnits: 1), null, allowDuplicates: false);
        Assert.Null(guards.Reserve(Msg("254712345678", 1), DateTimeOffset.Now));
        Assert.Equal(SendStatus.NotSent, guards.Reserve(Msg("254722000000", 2), DateTimeOffset.Now)!.Status);
        Assert.Contains(guards.Warnings(), w => w.StartsWith("1 recipient(s) were not sent (Status NotSent, CloudRebue.MaxUnitsReached)"));
    }

    [Fact]
    public void AsSendRunFiltersTheScreenAndTheBudgetAnswerLikeTheMethods()
    {
        var guards = new SendGuards(new UnitGuard(maxUnits: 1), null, allowDuplicates: false);
        IRecipientFilter screening = guards.Screening;
        IRecipientFilter budget = guards.Budget;
        Assert.Null(screening.Check(Msg("254712345678", 1), DateTimeOffset.Now));
        Assert.Equal(SendErrorIds.Duplicate, screening.Check(Msg("254712345678", 2), DateTimeOffset.Now)!.ErrorId);
        Assert.Null(budget.Check(Msg("254712345678", 1), DateTimeOffset.Now));
        Assert.Equal(SendErrorIds.MaxUnitsReached, budget.Check(Msg("254722000000", 3), DateTimeOffset.Now)!.ErrorId);
    }
}
