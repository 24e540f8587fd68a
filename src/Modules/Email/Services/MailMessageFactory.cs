using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Storefront.Email.Services;

/// <summary>Turns an <see cref="EmailMessage"/> into the MIME message both senders write.</summary>
internal static class MailMessageFactory
{
    public static MailMessage Create(EmailMessage message, EmailOptions options)
    {
        var from = new MailAddress(options.From, OneLine(options.FromName), Encoding.UTF8);
        var mail = new MailMessage
        {
            From = from,
            // UTF-8 everywhere: System.Net.Mail then writes non-ASCII names and subjects as RFC 2047 encoded-words.
            Subject = OneLine(message.Subject),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = Crlf(message.TextBody),
            BodyEncoding = Encoding.UTF8,
            // Base64, not quoted-printable: System.Net.Mail's QP encoder writes every line break as "=0D=0A",
            // which RFC 2045 discourages for text. Base64 is 7-bit safe for any relay and decoded by every client.
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        mail.To.Add(Address(message.To, "recipient"));
        if (message.ReplyTo is not null)
        {
            mail.ReplyToList.Add(Address(message.ReplyTo, "reply-to"));
        }

        // The same id on every attempt lets receivers (and their spam filters) treat a retry as the same message.
        mail.Headers.Add("Message-ID", $"<{message.MessageId.Value}@{from.Host}>");
        if (message.HtmlBody is not null)
        {
            // With a Body and one alternate view System.Net.Mail writes multipart/alternative, text first,
            // so clients that prefer HTML take the last part and the rest show the text.
            var html = AlternateView.CreateAlternateViewFromString(Crlf(message.HtmlBody), Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            mail.AlternateViews.Add(html);
        }

        return mail;
    }

    private static MailAddress Address(EmailAddress address, string role)
    {
        try
        {
            return new MailAddress(address.Address.Trim(), OneLine(address.DisplayName), Encoding.UTF8);
        }
        catch (FormatException ex)
        {
            throw new PermanentEmailException($"The {role} address '{address.Address}' is not a valid email address.", null, ex);
        }
    }

    // MIME text is canonically CRLF-terminated (RFC 2045); templates and editors produce bare LF.
    private static string Crlf(string body) => body.ReplaceLineEndings("\r\n");

    // A line break in a header value would end the header early; names and subjects come from buyers and editors.
    private static string? OneLine(string? value) =>
        value is null ? null : string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
