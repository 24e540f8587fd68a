using Storefront.Core.Templates;
using Storefront.Email.Templates;

namespace Storefront.Library.Emails;

/// <summary>What the sign-in email's templates read.</summary>
public sealed record SignInMail(string SiteName, string SupportEmail, string To, Uri Link, int Minutes);

/// <summary>What the "links ready" email's templates read.</summary>
public sealed record LinksReadyMail(string SiteName, string SupportEmail, string To, IReadOnlyList<ReadyLink> Links, Uri Library);

/// <summary>The library's emails as templates editors can change, each with made-up data to preview against.</summary>
internal static class LibraryTemplates
{
    public const string SignIn = "email.library.sign-in";

    public const string LinksReady = "email.library.links";

    private static readonly Uri SampleLibrary = new("https://shop.example.com/library");

    public static IEnumerable<TemplateDefinition> All =>
    [
        .. EmailTemplates.Define(SignIn, "Library sign-in link", "the one-time sign-in link to a buyer's library", "mail", [typeof(SignInMail)],
            new SignInMail("Field Guides", "help@example.com", "zoe@example.com", new Uri("https://shop.example.com/library/sign-in?token=sample"), 30),
            ("Your sign-in link for {{ mail.site_name }}", "")),
        .. EmailTemplates.Define(LinksReady, "Library download links", "the email with fresh download links a buyer asks for in the library", "mail",
            [typeof(LinksReadyMail), typeof(ReadyLink)],
            new LinksReadyMail("Field Guides", "help@example.com", "zoe@example.com",
                [new ReadyLink("CAN Bus Field Guide", 1001, new Uri("https://shop.example.com/download/sample-token"), 2, new DateTime(2026, 11, 23, 21, 40, 0, DateTimeKind.Utc))],
                SampleLibrary),
            ("{% if mail.links.size == 1 %}Your download link is ready: {{ mail.links.first.product_title }}{% else %}Your {{ mail.links.size }} download links are ready{% endif %}", "")),
    ];
}
