using MimeKit;
using Storefront.Core.Mail;

namespace Storefront.Email.Services;

/// <summary>
/// Turns an <see cref="EmailMessage"/> into the MIME message both senders write. Addresses are validated and
/// become <see cref="MailboxAddress"/> objects with the display name set as a name, which MimeKit quotes or
/// encodes; no header is ever assembled from text, so a name like <c>Evil" &lt;a@evil.example&gt;, "x</c> stays a name.
/// </summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options)
    {
        var from = Mailbox(new EmailAddress(options.From, options.FromName), "sender (Email__From)");
        var mime = new MimeMessage { Subject = OneLine(message.Subject) ?? "" };
        mime.From.Add(from);
        mime.To.Add(Mailbox(message.To, "recipient"));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(Mailbox(message.ReplyTo, "reply-to"));
        }

        // The same id on every attempt lets receivers (and their spam filters) treat a retry as the same message.
        mime.MessageId = $"{message.MessageId.Value}@{from.Domain}";
        // With both parts BodyBuilder writes multipart/alternative, text first, so clients that prefer HTML take
        // the last part and the rest show the text. MIME text is CRLF-terminated; templates produce bare LF.
        // With attachments it wraps that alternative in multipart/mixed, each file base64-encoded.
        var body = new BodyBuilder
        {
            TextBody = message.TextBody.ReplaceLineEndings("\r\n"),
            HtmlBody = message.HtmlBody?.ReplaceLineEndings("\r\n"),
        };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static MailboxAddress Mailbox(EmailAddress address, string role)
    {
        if (!EmailAddressSyntax.TryParse(address.Address, out var mailbox))
        {
            throw new PermanentEmailException($"The {role} address '{address.Address}' is not a valid email address.");
        }

        return new MailboxAddress(OneLine(address.DisplayName) ?? "", mailbox.Address);
    }

    // A line break in a header value would end the header early; names and subjects come from buyers and editors.
    private static string? OneLine(string? value) =>
        value is null ? null : string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
