using System.Net.Security;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Storefront.Email.Services;

/// <summary>
/// Sends through an SMTP server (<c>Email__Smtp__*</c>) with MailKit, one connection per message: receipts are
/// few, and a fresh connection picks up settings changed in the admin without any pool to drain.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions settings, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    /// <summary>
    /// Replaces the system's certificate check. Only tests set it (to trust their own self-signed server); the shop
    /// never does, so a server with an untrusted certificate is refused.
    /// </summary>
    internal RemoteCertificateValidationCallback? ServerCertificateCheck { get; init; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = settings.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("Email__Smtp__Host is not set: without it messages go to the pickup folder.");
        var server = $"{smtp.Host}:{smtp.Port}";
        var mime = MimeMessageFactory.Create(message, settings);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        if (ServerCertificateCheck is not null)
        {
            client.ServerCertificateValidationCallback = ServerCertificateCheck;
        }

        // Timeout bounds each read and write; the deadline bounds the whole conversation, as Email__Smtp__TimeoutSeconds promises.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        try
        {
            await client.ConnectAsync(host, smtp.Port, smtp.SocketSecurity, deadline.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", deadline.Token);
            }

            await client.SendAsync(mime, deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = deadline.IsCancellationRequested
                ? new TransientEmailException($"The SMTP server {server} did not finish within {smtp.TimeoutSeconds} s.", null, ex)
                : SmtpFailures.Classify(ex, server, smtp.TimeoutSeconds);
            logger.LogWarning("Email {MessageId} was not sent: {Reason}", message.MessageId, failure.Message);
            throw failure;
        }

        logger.LogInformation("Email {MessageId} sent through {Server}", message.MessageId, server);
        await QuitAsync(client, message, deadline.Token);
    }

    // The server has taken the message: a QUIT that fails must not turn into a retry, which would send it twice.
    private async Task QuitAsync(SmtpClient client, EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
        {
            logger.LogDebug(ex, "Email {MessageId} was sent; closing the connection failed", message.MessageId);
        }
    }
}
