using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class SendRowValidatorTests
{
    private static (List<OutgoingMessage> Messages, List<SendResult> Invalid) Read(SendRow row, SendRowValidator? reader = null)
    {
        var messages = new List<OutgoingMessage>();
        var invalid = new List<SendResult>();
        (reader ?? new SendRowValidator()).Validate(row, messages, invalid);
        return (messages, invalid);
    }

    [Fact]
    public void OneRowWithAListBecomesOneMessagePerRecipientWithSuffixedCorrelators()
    {
        var (messages, invalid) = Read(new SendRow { Phone = "0712345678;0722000000", Message = "hi", Sender = "ACME", Correlator = "INV-7", Row = 3 });
        Assert.Empty(invalid);
        Assert.Equal(new[] { "254712345678", "254722000000" }, messages.Select(m => m.Phone));
        Assert.Equal(new[] { "INV-7-1", "INV-7-2" }, messages.Select(m => m.Correlator));
        Assert.All(messages, m => Assert.Equal(3, m.Row));
    }

    [Fact]
    public void ACorrelatorUsedTwiceInARunIsRefusedBeforeItIsSent()
    {
        var reader = new SendRowValidator();
        var (alice, _) = Read(new SendRow { Phone = "0710000001", Message = "for Alice", Sender = "ACME", Correlator = "7", Row = 1 }, reader);
        var (bob, refused) = Read(new SendRow { Phone = "0710000002", Message = "for Bob", Sender = "ACME", Correlator = "7", Row = 2 }, reader);
        Assert.Equal("7", Assert.Single(alice).Correlator);
        Assert.Empty(bob);
        var error = Assert.Single(refused);
        Assert.Equal(SendStatus.Invalid, error.Status);
        Assert.Equal(SendErrorIds.DuplicateCorrelator, error.ErrorId);
        Assert.StartsWith("Row 2: the correlator '7' was already used", error.Error);

        // A suffixed correlator of a list cell collides with a row's own one just the same.
        var (_, suffixClash) = Read(new SendRow { Phone = "0710000003,0710000004", Message = "x", Sender = "ACME", Correlator = "7", Row = 3 }, reader);
        Assert.Empty(suffixClash);
        var (_, rowClash) = Read(new SendRow { Phone = "0710000005", Message = "y", Sender = "ACME", Correlator = "7-2", Row = 4 }, reader);
        Assert.Equal(SendErrorIds.DuplicateCorrelator, Assert.Single(rowClash).ErrorId);
    }

    [Fact]
    public void ASingleRecipientKeepsTheRowsCorrelator()
    {
        var (messages, _) = Read(new SendRow { Phone = "0712345678", Message = "hi", Sender = "ACME", Correlator = " 42 " });
        Assert.Equal("42", Assert.Single(messages).Correlator);
    }

    [Fact]
    public void BadNumbersInAListAreInvalidAndTheRestGo()
    {
        var (messages, invalid) = Read(new SendRow { Phone = "0712345678,12,0722000000", Message = "hi", Sender = "ACME", Row = 9 });
        Assert.Equal(2, messages.Count);
        var bad = Assert.Single(invalid);
        Assert.Equal(SendStatus.Invalid, bad.Status);
        Assert.Equal(SendErrorIds.InvalidPhone, bad.ErrorId);
        Assert.Equal("12", bad.PhoneInput);
        Assert.StartsWith("Row 9:", bad.Error);
    }

    [Theory]
    [InlineData(null, "ACME", "no message text")]
    [InlineData("   ", "ACME", "no message text")]
    [InlineData("hi", null, "no sender ID")]
    [InlineData("hi", "", "no sender ID")]
    public void EmptyMessageOrSenderIsInvalidMessage(string? message, string? sender, string reason)
    {
        var (messages, invalid) = Read(new SendRow { Phone = "0712345678,0722000000", Message = message, Sender = sender, Row = 1 });
        Assert.Empty(messages);
        Assert.Equal(2, invalid.Count);
        Assert.All(invalid, r =>
        {
            Assert.Equal(SendErrorIds.InvalidMessage, r.ErrorId);
            Assert.Contains(reason, r.Error);
            Assert.NotNull(r.Phone);
        });
    }

    [Fact]
    public void GeneratedCorrelatorsRepeatForTheSameInputAndDifferForIdenticalRows()
    {
        SendRow Row(long n) => new() { Phone = "0712345678", Message = "Your invoice is ready", Sender = "ACME", Row = n };
        var first = new SendRowValidator();
        var a1 = Read(Row(1), first).Messages.Single().Correlator;
        var a2 = Read(Row(2), first).Messages.Single().Correlator;
        var second = new SendRowValidator();
        var b1 = Read(Row(1), second).Messages.Single().Correlator;
        var b2 = Read(Row(2), second).Messages.Single().Correlator;

        Assert.NotEqual(a1, a2);
        Assert.Equal(a1, b1);
        Assert.Equal(a2, b2);
        Assert.Matches("^cr[0-9a-f]{16}$", a1);
    }

    [Fact]
    public void GeneratedCorrelatorsDependOnTheText()
    {
        var a = Read(new SendRow { Phone = "0712345678", Message = "one", Sender = "ACME" }).Messages.Single().Correlator;
        var b = Read(new SendRow { Phone = "0712345678", Message = "two", Sender = "ACME" }).Messages.Single().Correlator;
        Assert.NotEqual(a, b);
    }
}
