namespace Storefront.Email;

/// <summary>
/// One message to one recipient. <see cref="MessageId"/> is chosen by the caller and stays the same
/// when the same message is sent again (an outbox retry), so receivers can drop the duplicate.
/// The sender is not part of the message: it is the shop's configured <c>Email__From</c>.
/// </summary>
public sealed record EmailMessage(
    EmailAddress To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    EmailMessageId MessageId,
    EmailAddress? ReplyTo = null)
{
    /// <summary>Files sent with the message (an invoice PDF); none unless given.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// The editor templates that may replace the subject and bodies (<c>{Name}.subject</c>, <c>.text</c>, <c>.html</c>) and
    /// the model they read; the subject and bodies above are the built-in, used wherever no template is saved or one fails.
    /// </summary>
    public EmailTemplate? Template { get; init; }
}

/// <summary>The templates an email is drawn from, by the name they share, and the model they read.</summary>
public sealed record EmailTemplate(string Name, object Model);

/// <summary>A file attached to a message: its name as the recipient sees it, its MIME type and its bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>An address with an optional display name, which may hold any Unicode text.</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);
