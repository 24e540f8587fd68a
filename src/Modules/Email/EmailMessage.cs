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
    EmailAddress? ReplyTo = null);

/// <summary>An address with an optional display name, which may hold any Unicode text.</summary>
public sealed record EmailAddress(string Address, string? DisplayName = null);
