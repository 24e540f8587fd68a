using MailKit.Net.Smtp;
using Storefront.Core.Outbox;

namespace Storefront.Email;

/// <summary>A message was not delivered to the server. <see cref="StatusCode"/> is the SMTP reply, when there was one.</summary>
public abstract class EmailDeliveryException(string message, SmtpStatusCode? statusCode, Exception? inner)
    : Exception(message, inner)
{
    public SmtpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>The server could not be reached, timed out or answered 4xx: the same message may go through later.</summary>
public sealed class TransientEmailException(string message, SmtpStatusCode? statusCode = null, Exception? inner = null)
    : EmailDeliveryException(message, statusCode, inner);

/// <summary>
/// The server answered 5xx (RFC 5321: do not repeat the same request), or the message itself cannot be
/// sent (a malformed address). Retrying unchanged will fail the same way, so the outbox gives it up at once.
/// </summary>
public sealed class PermanentEmailException(string message, SmtpStatusCode? statusCode = null, Exception? inner = null)
    : EmailDeliveryException(message, statusCode, inner), IPermanentFailure;
