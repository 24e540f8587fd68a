using System.Text;

namespace Storefront.Email.Disputes;

/// <summary>What a dispute did to the buyer's downloads.</summary>
public enum DisputeAccessChange
{
    Suspended,
    Reinstated,
    Ended,
}

/// <summary>
/// Tells the buyer what a dispute on their payment did to their downloads, in neutral words: the card's owner may not be
/// the person who bought, and a buyer who disputed by mistake should know whom to write to.
/// </summary>
public sealed record BuyerDisputeNotice(
    string SiteName, string SupportEmail, string BuyerEmail, string? BuyerName, string OrderNumber, string ProductTitle, string Amount,
    string DisputeId, DisputeAccessChange Change)
{
    /// <summary>"suspended", "reinstated" or "ended", for templates.</summary>
    public string AccessChange => Change.ToString().ToLowerInvariant();

    public EmailMessage ToMessage()
    {
        var name = string.IsNullOrWhiteSpace(BuyerName) ? null : DisputeText.OneLine(BuyerName);
        var product = DisputeText.OneLine(ProductTitle);
        var (subject, paragraphs) = Change switch
        {
            DisputeAccessChange.Suspended => ($"Your download of {product} is paused — order {OrderNumber}", new[]
            {
                $"Your bank told us that the payment of {Amount} for order {OrderNumber} at {SiteName} is disputed.",
                $"While the bank reviews the dispute, the download of {product} is paused. Your remaining downloads and the time left are kept as they are.",
                $"If you did not mean to dispute this payment, or you recognise it now, write to {SupportEmail} and mention order {OrderNumber}.",
            }),
            DisputeAccessChange.Reinstated => ($"Your download of {product} works again — order {OrderNumber}", new[]
            {
                $"The dispute about the payment for order {OrderNumber} at {SiteName} is closed and the payment stands.",
                $"The download of {product} works again, with the downloads and the time you had left when it was paused. The links in your receipt work again until they expire.",
                $"Questions? Write to {SupportEmail} and mention order {OrderNumber}.",
            }),
            _ => ($"The dispute about order {OrderNumber} is closed — your download has ended", new[]
            {
                $"Your bank decided the dispute about the payment for order {OrderNumber} at {SiteName} in your favour and returned the {Amount} to you.",
                $"As the purchase is no longer paid for, the download of {product} has ended and its links no longer work.",
                $"If you believe this is a mistake, write to {SupportEmail} and mention order {OrderNumber}.",
            }),
        };
        var greeting = name is null ? "Hello," : $"Hello {name},";
        var text = new StringBuilder(greeting).Append("\n\n");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        text.Append("-- \n").Append(SiteName).Append('\n');
        var html = DisputeText.Html(SiteName, subject, [greeting, .. paragraphs]);
        return new EmailMessage(new EmailAddress(BuyerEmail, name), subject, text.ToString(), html,
            EmailMessageId.From("dispute", DisputeId, Change.ToString().ToLowerInvariant()), new EmailAddress(SupportEmail, SiteName))
        {
            Template = new(Templates.ShopEmailTemplates.DisputeBuyer, this),
        };
    }
}
