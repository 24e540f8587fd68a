using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Email.Receipts;
using Storefront.Email.Services;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>The embedded default: messages as .eml files, read back with an independent MIME parser.</summary>
public sealed class PickupFolderTests : IDisposable
{
    private readonly TempFolder folder = new("storefront-mail");

    [Fact]
    public async Task WithoutAnSmtpHostMessagesAreWrittenIntoANewFolderNamedAfterTheMessageId()
    {
        var pickup = folder.File("data/mail");
        using var provider = Services(new() { ["Email:From"] = TestMail.ShopAddress, ["Email:PickupDirectory"] = pickup });
        var sender = provider.GetRequiredService<IEmailSender>();
        var message = ReceiptEmail.Create(TestMail.Receipt(orderNumber: "SO-1001"));

        await sender.SendAsync(message);

        Assert.IsType<PickupFolderEmailSender>(Assert.IsType<ConfiguredEmailSender>(sender).Current);
        Assert.Equal([Path.Combine(pickup, "receipt.SO-1001.eml")], Directory.GetFileSystemEntries(pickup));
    }

    [Fact]
    public async Task TheFileIsAMessageThatAMailParserReadsWithEveryHeaderIntact()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt("李雷", orderNumber: "SO-1002"));

        await TestMail.PickupSender(folder.Path).SendAsync(message);

        var parsed = await MailParser.ParseFileAsync(folder.File("receipt.SO-1002.eml"));
        Assert.Equal("Your download: CAN Bus Field Guide — order SO-1002", parsed.Subject);
        Assert.Equal("<receipt.SO-1002@fieldguides.test>", parsed.MessageId);
        Assert.Equal(new ParsedAddress(TestMail.ShopAddress, TestMail.ShopName), parsed.From.Single());
        Assert.Equal(new ParsedAddress("zoe@example.test", "李雷"), parsed.To.Single());
        Assert.Equal(new ParsedAddress("help@fieldguides.test", "Field Guides"), parsed.ReplyTo.Single());
        Assert.Equal("multipart/alternative", parsed.ContentType);
        Assert.Equal(message.TextBody.TrimEnd(), parsed.Text.TrimEnd());
        Assert.Equal(message.HtmlBody!.TrimEnd(), parsed.Html!.TrimEnd());
        Assert.NotNull(parsed.Date);
    }

    [Fact]
    public async Task EightBitTextIsWrittenAsItIsAndNoStagingFileIsLeftBehind()
    {
        var receipt = TestMail.Receipt("Zoë 李雷", orderNumber: "SO-1004") with { PaidAmount = "29,00 € — 书" };
        var message = ReceiptEmail.Create(receipt);

        await TestMail.PickupSender(folder.Path).SendAsync(message);

        var file = Assert.Single(Directory.GetFileSystemEntries(folder.Path));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Contains("Content-Transfer-Encoding: 8bit", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Contains("You paid 29,00 € — 书.", System.Text.Encoding.UTF8.GetString(bytes));
        var parsed = await MailParser.ParseFileAsync(file);
        Assert.Equal(message.TextBody.TrimEnd(), parsed.Text.TrimEnd());
        Assert.Equal(new ParsedAddress("zoe@example.test", "Zoë 李雷"), parsed.To.Single());
    }

    [Fact]
    public async Task ABuyerNameThatLooksLikeAnAddressListStaysOneRecipientInTheFile()
    {
        const string name = "Evil\" <attacker@evil.example>, \"x";
        var message = ReceiptEmail.Create(TestMail.Receipt(name, orderNumber: "SO-1005"));

        await TestMail.PickupSender(folder.Path).SendAsync(message);

        var parsed = await MailParser.ParseFileAsync(folder.File("receipt.SO-1005.eml"));
        Assert.Equal(new ParsedAddress("zoe@example.test", name), Assert.Single(parsed.To));
        Assert.Empty(parsed.Cc);
        Assert.Empty(parsed.Bcc);
    }

    [Fact]
    public async Task ResendingTheSameMessageReplacesTheFileInsteadOfAddingOne()
    {
        var sender = TestMail.PickupSender(folder.Path);
        var receipt = TestMail.Receipt(orderNumber: "SO-1003");

        await sender.SendAsync(ReceiptEmail.Create(receipt));
        await sender.SendAsync(ReceiptEmail.Create(receipt with { BuyerName = "Zoë Second-Try" }));

        var file = Assert.Single(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal("receipt.SO-1003.eml", Path.GetFileName(file));
        Assert.Equal("Zoë Second-Try", (await MailParser.ParseFileAsync(file)).To.Single().Name);
    }

    [Fact]
    public async Task OrderNumbersThatAreNotSafeInFileNamesStillGiveOneFileEach()
    {
        var sender = TestMail.PickupSender(folder.Path);

        await sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt(orderNumber: "../../etc/passwd")));
        await sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt(orderNumber: "A/1")));
        await sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt(orderNumber: "A-1")));

        var files = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, name => Assert.Matches("^receipt\\.[A-Za-z0-9_+.-]+\\.eml$", name));
    }

    public void Dispose() => folder.Dispose();

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddEmail(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
