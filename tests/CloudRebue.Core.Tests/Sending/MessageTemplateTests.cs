using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class MessageTemplateTests
{
    private static Func<string, string?> Row(params (string Name, string? Value)[] columns) =>
        name => columns.Where(c => c.Name == name).Select(c => c.Value).FirstOrDefault();

    [Fact]
    public void FillsEveryFieldFromTheRow()
    {
        var template = MessageTemplate.Parse("Dear {Name}, KES {Amount} is due on {DueDate}. Thanks, {Name}!");
        Assert.Equal(new[] { "Name", "Amount", "DueDate" }, template.Fields);
        TemplateFill fill = template.Fill(Row(("Name", "Wanjiku"), ("Amount", "1,500"), ("DueDate", "5 Dec")));
        Assert.True(fill.IsFilled);
        Assert.Equal("Dear Wanjiku, KES 1,500 is due on 5 Dec. Thanks, Wanjiku!", fill.Text);
    }

    [Fact]
    public void DoubledBracesAreLiteralBraces()
    {
        var template = MessageTemplate.Parse("{{ref}} {Code} }}{{");
        Assert.Equal(new[] { "Code" }, template.Fields);
        Assert.Equal("{ref} X1 }{", template.Fill(Row(("Code", "X1"))).Text);
    }

    [Fact]
    public void AValueIsInsertedAsItIsAndNeverExpandedAgain()
    {
        var fill = MessageTemplate.Parse("Hi {Name}").Fill(Row(("Name", "{Amount} {{x}}")));
        Assert.Equal("Hi {Amount} {{x}}", fill.Text);
    }

    [Fact]
    public void FieldNamesAreTrimmedSoSpacesInsideBracesDoNotMatter()
    {
        Assert.Equal("Hi Ann", MessageTemplate.Parse("Hi { Name }").Fill(Row(("Name", "Ann"))).Text);
    }

    [Fact]
    public void AMissingFieldIsNamedAndNothingIsFilled()
    {
        TemplateFill fill = MessageTemplate.Parse("Dear {Name}, KES {Amount}").Fill(Row(("Name", "Ann")));
        Assert.False(fill.IsFilled);
        Assert.Null(fill.Text);
        Assert.Equal("Amount", fill.MissingField);
        Assert.False(fill.IsBlank);
        string error = fill.Describe(7, new[] { "Name", "Phone" });
        Assert.StartsWith("Row 7 has no Amount for the template's {Amount} (its columns: 'Name', 'Phone').", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ABlankValueCountsAsMissingSoNoCustomerGetsDearComma(string blank)
    {
        TemplateFill fill = MessageTemplate.Parse("Dear {Name}").Fill(Row(("Name", blank)));
        Assert.False(fill.IsFilled);
        Assert.True(fill.IsBlank);
        Assert.StartsWith("Row 2 has an empty Name", fill.Describe(2, new[] { "Name" }));
    }

    [Fact]
    public void ATemplateWithoutFieldsIsItsOwnText()
    {
        Assert.Equal("plain", MessageTemplate.Parse("plain").Fill(_ => throw new InvalidOperationException("no field to look up")).Text);
    }

    [Theory]
    [InlineData("Dear {Name", "a '{' that is not closed by '}' at character 6")]
    [InlineData("Dear Name}", "a '}' that closes no '{' at character 10")]
    [InlineData("Dear {}", "an empty field '{}' at character 6")]
    [InlineData("Dear { }", "an empty field '{}' at character 6")]
    [InlineData("Dear {Na{me}", "a '{' that is not closed by '}' at character 6")]
    public void AMalformedTemplateIsRefusedWithWhereAndHow(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MessageTemplate.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.Contains("{{ or }}", error.Message);
    }
}
