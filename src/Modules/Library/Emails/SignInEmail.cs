using Storefront.Email;

namespace Storefront.Library.Emails;

/// <summary>The one-time sign-in link to the library. The same request always gives the same Message-ID.</summary>
public static class SignInEmail
{
    public static EmailMessage Create(ShopSender shop, string to, Uri link, string deliveryKey)
    {
        var minutes = (int)LibraryOptions.LinkLifetime.TotalMinutes;
        var text = $"""
            Hello,

            Someone (hopefully you) asked to open your library at {shop.SiteName}, where your purchases and their downloads are.
            Open this link to sign in:

            {link.AbsoluteUri}

            The link works once, within {minutes} minutes. If it has expired, ask for a new one on the library page.
            If you did not ask for it, ignore this email: nothing happens until the link is used.

            Need help? Reply to this email or write to {shop.SupportEmail}.
            """;
        var body = $"<p>Hello,</p>\n<p>Someone (hopefully you) asked to open your library at {LibraryMail.E(shop.SiteName)}, "
            + "where your purchases and their downloads are.</p>\n"
            + LibraryMail.Button(link, "Sign in to your library")
            + $"<p style=\"font-size:14px;\">The link works once, within {minutes} minutes. If it has expired, ask for a new one on the library page. "
            + "If you did not ask for it, ignore this email: nothing happens until the link is used.</p>\n";
        return new EmailMessage(new EmailAddress(to), $"Your sign-in link for {LibraryMail.OneLine(shop.SiteName)}", text,
            LibraryMail.Html(shop, $"{shop.SiteName} sign-in link", body), EmailMessageId.From("library-sign-in", deliveryKey), shop.ReplyTo)
        {
            Template = new(LibraryTemplates.SignIn, new SignInMail(shop.SiteName, shop.SupportEmail, to, link, minutes)),
        };
    }
}
