using MimeKit;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

/// <summary>Receipt templates travel the real pipeline: Stripe's webhook, the outbox, the configured sender, the pickup folder.</summary>
public sealed class TemplateEmailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AReceiptTemplateSavedInTheAdminIsTheReceiptTheBuyerGets(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var admin = await AdminSession.SignInAsync(shop.App);
        await TemplateAdmin.SaveAsync(admin, "email.receipt.subject", "Thanks, {{ receipt.buyer_name }}:\n{{ receipt.lines.first.product_title }} (order {{ receipt.order_number }})");
        await TemplateAdmin.SaveAsync(admin, "email.receipt.text",
            "Custom receipt for {{ receipt.buyer_email }}\n{% for line in receipt.lines %}{{ line.product_title }}: {{ line.download_url }} ({{ line.limits }})\n{% endfor %}");
        await TemplateAdmin.SaveAsync(admin, "email.receipt.html",
            "<p>Hi <b>{{ receipt.buyer_name }}</b></p>{% for line in receipt.lines %}<a href=\"{{ line.download_url }}\">Download {{ line.product_title }}</a>{% endfor %}");

        await shop.BuyAsync("zoe@example.com", "Zoë <Admin>");

        var message = await ReceiptAsync(shop);
        Assert.Matches(@"^Thanks, Zoë <Admin>: Field Guide \(order \d+\)$", message.Subject);
        Assert.StartsWith("Custom receipt for zoe@example.com\nField Guide: http", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("(3 downloads, until ", message.TextBody);
        Assert.StartsWith("<p>Hi <b>Zoë &lt;Admin&gt;</b></p><a href=\"http", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">Download Field Guide</a>", message.HtmlBody);
        Assert.Matches(@"/download/[A-Za-z0-9_-]+", message.TextBody);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AReceiptWhoseTemplatesAreBrokenStillGoesOutWithTheBuiltInAndAWarning()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var admin = await AdminSession.SignInAsync(shop.App);
        await TemplateAdmin.WriteAsync(shop.App, "email.receipt.subject", "Order {{ receipt.order_number");
        await TemplateAdmin.SaveAsync(admin, "email.receipt.text", "{% for i in (1..100000000) %}{{ receipt.order_number }}{% endfor %}");
        await TemplateAdmin.SaveAsync(admin, "email.receipt.html", "   {{ receipt.nothing_here }}   ");

        await shop.BuyAsync("zoe@example.com", "Zoë");

        var message = await ReceiptAsync(shop);
        Assert.Matches(@"^Your download: Field Guide — order \d+$", message.Subject);
        Assert.StartsWith("Hello Zoë,\n\nThank you for your order", message.TextBody, StringComparison.Ordinal);
        // A part that renders to nothing but blanks would be an empty email.
        Assert.Contains("Thank you for your order", message.HtmlBody);
        Assert.Contains(shop.App.Logs.Warnings, w => w.Contains("email.receipt.subject", StringComparison.Ordinal) && w.Contains("does not parse", StringComparison.Ordinal));
        Assert.Contains(shop.App.Logs.Warnings, w => w.Contains("email.receipt.text", StringComparison.Ordinal) && w.Contains("failed", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdminPasswordResetTemplateSavedInTheAdminIsTheEmailSentAndItsLinkStillWorks(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app);
        using (var admin = await AdminSession.SignInAsync(app))
        {
            await TemplateAdmin.SaveAsync(admin, "email.account.reset.subject", "{{ mail.site_name }}: new password for {{ mail.to }}");
            await TemplateAdmin.SaveAsync(admin, "email.account.reset.text", "Custom: {{ mail.link }} ({{ mail.hours }} h). {{ mail.password_rules }}");
            await TemplateAdmin.SaveAsync(admin, "email.account.reset.html", "<p>Custom <a href=\"{{ mail.link }}\">choose</a> within {{ mail.hours }} hours</p>");
        }

        using var client = AdminSession.NewClient(app);
        await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = email });
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(app.Folder.File("mail"), "*.eml")));
        Assert.EndsWith($": new password for {email}", message.Subject, StringComparison.Ordinal);
        Assert.StartsWith($"Custom: {link.AbsoluteUri} (24 h). At least 12 characters", message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<p>Custom <a href=\"http", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("within 24 hours</p>", message.HtmlBody);
        const string password = "a brand new passphrase";
        var reset = await AdminSession.PostFormAsync(client, link.PathAndQuery, new() { ["Password"] = password, ["ConfirmPassword"] = password });
        Assert.Contains("Your password is set.", await reset.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    private static async Task<MimeMessage> ReceiptAsync(ShopWithStripe shop)
    {
        var folder = shop.App.Folder.File("mail");
        await Eventually.HoldsAsync(() => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "receipt.*.eml").Length == 1),
            "The receipt reaching the pickup folder", seconds: 20);
        return await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder, "receipt.*.eml")));
    }
}
