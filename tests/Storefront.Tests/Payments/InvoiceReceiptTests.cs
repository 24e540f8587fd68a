using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The invoice as an attachment of the receipt, when the shop asks for it, through the real outbox to a real SMTP server.</summary>
public sealed class InvoiceReceiptTests(MailDevServer mail) : IClassFixture<MailDevServer>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task WithTheSettingOnTheReceiptCarriesTheSameInvoiceTheAdminDownloads(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, mail, new Dictionary<string, string?> { ["Invoices:AttachToReceipt"] = "on" });

        await shop.BuyAsync("attached@example.com", "Åsa Attached");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var receipt = await ReceiptAsync(shop, order);

        var attachment = Assert.IsType<MimePart>(Assert.Single(receipt.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal("invoice-1.pdf", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(await InvoiceFiles.DownloadAsync(shop.App, order.Number), content.ToArray());
        Assert.Contains("Åsa Attached", await InvoiceFiles.TextAsync(content.ToArray()));
        Assert.NotNull(receipt.TextBody);
        Assert.NotNull(receipt.HtmlBody);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ByDefaultTheReceiptHasNoAttachment()
    {
        await using var shop = await ShopWithStripe.StartAsync(Db.Sqlite, mail);

        await shop.BuyAsync("plain@example.com", "Plain Receipt");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var receipt = await ReceiptAsync(shop, order);

        Assert.Empty(receipt.Attachments);
        Assert.NotNull(receipt.TextBody);
        shop.App.Logs.AssertNoErrors();
    }

    private async Task<MimeMessage> ReceiptAsync(ShopWithStripe shop, Order order)
    {
        var stored = await mail.WaitForMessageAsync(shop.ReceiptMessageId(order.Number));
        var source = await mail.SourceAsync(stored);
        return await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(source)));
    }
}
