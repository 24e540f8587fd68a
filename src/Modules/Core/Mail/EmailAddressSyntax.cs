using MimeKit;

namespace Storefront.Core.Mail;

/// <summary>
/// What the shop accepts as an email address wherever one is typed or received: one plain address
/// (<c>shop@example.com</c>), never a display name, a list or a comment. Headers are then built from the parsed
/// mailbox, so no text a buyer or editor types can add an address to a message.
/// </summary>
public static class EmailAddressSyntax
{
    /// <summary>RFC 5321's limit for a forward path; longer ones are refused by servers anyway.</summary>
    private const int MaxLength = 254;

    public static bool IsPlainAddress(string? value) => TryParse(value, out _);

    public static bool TryParse(string? value, out MailboxAddress mailbox)
    {
        mailbox = null!;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength
            || !MailboxAddress.TryParse(trimmed, out var parsed) || parsed is null
            // MimeKit also reads "<a@b>", "a@b (comment)" and "Name <a@b>" as one mailbox; the shop wants the bare form.
            || parsed.Address != trimmed || !string.IsNullOrEmpty(parsed.Name) || parsed.Route.Count > 0)
        {
            return false;
        }

        var at = parsed.Address.LastIndexOf('@');
        if (at <= 0 || at == parsed.Address.Length - 1)
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }
}
