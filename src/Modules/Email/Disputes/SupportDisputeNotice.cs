using System.Globalization;
using System.Text;

namespace Storefront.Email.Disputes;

/// <summary>
/// Tells the shop's support address that a dispute opened or was decided, with what is needed to answer it in time: the
/// order, the amount, the bank's reason, the deadline for evidence and the admin page to prepare it from.
/// </summary>
public sealed record SupportDisputeNotice(
    string SiteName, string SupportEmail, string OrderNumber, string Amount, string? Reason, DateTime? EvidenceDueByUtc, Uri AdminOrderUrl,
    string DisputeId, string? Outcome)
{
    public EmailMessage ToMessage()
    {
        if (!AdminOrderUrl.IsAbsoluteUri || AdminOrderUrl.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("The admin link must be an absolute http(s) URL.", nameof(AdminOrderUrl));
        }

        var subject = Outcome is null
            ? $"Dispute opened on order {OrderNumber} ({Amount})"
            : $"Dispute on order {OrderNumber} closed: {Outcome}";
        var lead = Outcome switch
        {
            null => "A buyer's bank disputed a payment. The order's downloads are paused until the bank decides.",
            "lost" => "The bank decided the dispute against the shop: the amount stays with the buyer and the order's downloads have ended.",
            _ => "The bank decided the dispute for the shop: the amount comes back and the order's downloads work again unless another dispute is open.",
        };
        var facts = new List<(string Label, string Value)>
        {
            ("Order", OrderNumber), ("Amount", Amount), ("Reason", Reason is { Length: > 0 } reason ? reason.Replace('_', ' ') : "not given"),
            ("Evidence due by", EvidenceDueByUtc is { } due ? due.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "not given"),
            ("Stripe dispute", DisputeId),
        };
        if (Outcome is not null)
        {
            facts.Insert(2, ("Outcome", Outcome));
        }

        var text = new StringBuilder(lead).Append("\n\n");
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        var action = Outcome is null ? "Prepare the evidence from the order's page" : "The order's page";
        text.Append('\n').Append(action).Append(": ").Append(AdminOrderUrl.AbsoluteUri).Append('\n');
        var html = DisputeText.Html(SiteName, subject, [lead], facts, (action, AdminOrderUrl));
        return new EmailMessage(new EmailAddress(SupportEmail, SiteName), subject, text.ToString(), html,
            EmailMessageId.From("dispute", DisputeId, Outcome is null ? "opened" : "closed", "support"))
        {
            Template = new(Templates.ShopEmailTemplates.DisputeSupport, this),
        };
    }
}
