using System.Globalization;
using System.Net;
using System.Text;
using Storefront.Core.Templates;
using Storefront.Email;
using Storefront.Email.Templates;

namespace Storefront.Downloads.Sharing;

/// <summary>What the shared-link email's templates read: the flagged purchase and the copies by network.</summary>
public sealed record SharingMail(
    string SiteName, string SupportEmail, long OrderNumber, string ProductTitle, string BuyerEmail, int Networks, int WindowHours, bool Suspended,
    IReadOnlyList<SharingNetworkMail> Evidence, Uri Review)
{
    public const string TemplateName = "email.sharing.support";

    public string Subject => $"Download link of order {OrderNumber.ToString(CultureInfo.InvariantCulture)} looks shared ({Networks} networks)";

    private string Lead =>
        $"Copies of \"{ProductTitle}\" from order {OrderNumber.ToString(CultureInfo.InvariantCulture)} ({BuyerEmail}) went to {Networks} different "
        + $"networks within {WindowHours} hours. "
        + (Suspended ? "Its downloads are suspended until an administrator clears it." : "Downloads go on; an administrator can suspend them or clear the flag.");

    /// <param name="deliveryKey">The flag and its round: a retried send keeps its Message-ID.</param>
    public EmailMessage ToMessage(params string[] deliveryKey)
    {
        var text = new StringBuilder(Lead).Append("\n\n");
        var html = new StringBuilder($"<p>{E(Lead)}</p>\n<ul>\n");
        foreach (var network in Evidence)
        {
            text.Append(network.Summary).Append('\n')
                .Append("  addresses: ").Append(network.Addresses).Append('\n')
                .Append("  user agents: ").Append(network.UserAgents).Append('\n');
            html.Append($"<li><strong>{E(network.Summary)}</strong><br>addresses: {E(network.Addresses)}<br>user agents: {E(network.UserAgents)}</li>\n");
        }

        text.Append('\n').Append("Review it: ").Append(Review.AbsoluteUri).Append('\n');
        html.Append($"</ul>\n<p><a href=\"{E(Review.AbsoluteUri)}\">Review it in Shared links</a></p>\n");
        return new EmailMessage(new EmailAddress(SupportEmail, SiteName), Subject, text.ToString(), html.ToString(), EmailMessageId.From(["sharing", .. deliveryKey]))
        {
            Template = new(TemplateName, this),
        };
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>The template editors can change, with made-up data to preview against.</summary>
    internal static IEnumerable<TemplateDefinition> Templates =>
        EmailTemplates.Define(TemplateName, "Shared link (to support)", "the email telling the shop's support address that a purchase's link looks shared",
            "sharing", [typeof(SharingMail), typeof(SharingNetworkMail)],
            new SharingMail("Field Guides", "help@example.com", 1001, "CAN Bus Field Guide", "zoe@example.com", 4, 24, false,
                [
                    new SharingNetworkMail("198.51.100.0/24", 2, new DateTime(2026, 11, 23, 9, 12, 0, DateTimeKind.Utc), new DateTime(2026, 11, 23, 9, 40, 0, DateTimeKind.Utc),
                        "198.51.100.7, 198.51.100.8", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
                ],
                new Uri("https://shop.example.com/admin/shared-links")),
            ("Download link of order {{ sharing.order_number }} looks shared ({{ sharing.networks }} networks)", ""));
}

/// <summary>The copies one network received, for the email.</summary>
public sealed record SharingNetworkMail(string Network, int Copies, DateTime First, DateTime Last, string Addresses, string UserAgents)
{
    public string Summary => $"{Network}: {Copies} cop{(Copies == 1 ? "y" : "ies")}, "
        + $"{First.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {Last.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
}
