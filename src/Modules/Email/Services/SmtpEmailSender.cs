using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;

namespace Storefront.Email.Services;

/// <summary>
/// Sends through an SMTP server (<c>Email__Smtp__*</c>) with System.Net.Mail, one connection per
/// message: SmtpClient cannot send two messages at once, and receipts are few.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions settings, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = settings.Smtp;
        var server = $"{smtp.Host}:{smtp.Port}";
        using var mail = MailMessageFactory.Create(message, settings);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.UsesSsl,
            Timeout = smtp.TimeoutSeconds * 1000,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(smtp.Username) ? null : new NetworkCredential(smtp.Username, smtp.Password),
        };

        // SmtpClient.Timeout only governs the synchronous Send; the async path needs its own deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        try
        {
            await client.SendMailAsync(mail, deadline.Token);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientEmailException($"The SMTP server {server} did not finish within {smtp.TimeoutSeconds} s.", null, ex);
        }
        catch (SmtpException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = SmtpFailures.Classify(ex, server);
            logger.LogWarning("Email {MessageId} was not sent: {Reason}", message.MessageId, failure.Message);
            throw failure;
        }

        logger.LogInformation("Email {MessageId} sent through {Server}", message.MessageId, server);
    }
}
