using System.Text;
using Storefront.Email;

namespace Storefront.Library.Emails;

/// <summary>One download in the "links ready" email: a fresh link within the purchase's remaining limits.</summary>
public sealed record ReadyLink(string ProductTitle, long OrderNumber, Uri Url, int UsesLeft, DateTime ExpiresUtc);

/// <summary>
/// "Your download links are ready": fresh links, the reminder that each is limited, and the way back to the library.
/// The Message-ID is the request's, so an outbox retry is recognisably the same mail.
/// </summary>
public static class LinksReadyEmail
{
    public static EmailMessage Create(ShopSender shop, string to, IReadOnlyList<ReadyLink> links, Uri library, string deliveryKey)
    {
        if (links.Count == 0)
        {
            throw new ArgumentException("A links email needs at least one link.", nameof(links));
        }

        var text = new StringBuilder($"Hello,\n\nHere are fresh download links for your purchases at {shop.SiteName}.\n\n");
        var body = new StringBuilder($"<p>Hello,</p>\n<p>Here are fresh download links for your purchases at {LibraryMail.E(shop.SiteName)}.</p>\n");
        foreach (var link in links)
        {
            var title = LibraryMail.OneLine(link.ProductTitle);
            var limits = LibraryMail.Limits(link.UsesLeft, link.ExpiresUtc);
            text.Append($"{title} (order {link.OrderNumber})\nDownload: {link.Url.AbsoluteUri}\n{limits}.\n\n");
            body.Append("<div style=\"border:1px solid #d0d7de;border-radius:6px;padding:16px;margin:16px 0;\">\n")
                .Append($"<p style=\"margin:0 0 12px;font-weight:bold;\">{LibraryMail.E(title)} (order {link.OrderNumber})</p>\n")
                .Append(LibraryMail.Button(link.Url, "Download"))
                .Append($"<p style=\"margin:0;font-size:14px;\">{LibraryMail.E(limits)}.</p>\n</div>\n");
        }

        const string Reminder = "These links are limited: each download counts once against the uses left, and the links stop working "
            + "after the last download or at the time shown, whichever comes first. A new link does not add downloads.";
        text.Append(Reminder).Append("\n\n")
            .Append($"Your library, with every order and fresh links whenever you need them: {library.AbsoluteUri}\n\n")
            .Append($"Need help? Reply to this email or write to {shop.SupportEmail}.\n");
        body.Append($"<p style=\"font-size:14px;\">{LibraryMail.E(Reminder)}</p>\n")
            .Append($"<p style=\"font-size:14px;\">Every order and fresh links whenever you need them are in <a href=\"{LibraryMail.E(library.AbsoluteUri)}\">your library</a>.</p>\n");
        var subject = links.Count == 1
            ? $"Your download link is ready: {LibraryMail.OneLine(links[0].ProductTitle)}"
            : $"Your {links.Count} download links are ready";
        return new EmailMessage(new EmailAddress(to), subject, text.ToString(),
            LibraryMail.Html(shop, $"{shop.SiteName} download links", body.ToString()), EmailMessageId.From("library-links", deliveryKey), shop.ReplyTo)
        {
            Template = new(LibraryTemplates.LinksReady, new LinksReadyMail(shop.SiteName, shop.SupportEmail, to, links, library)),
        };
    }
}
