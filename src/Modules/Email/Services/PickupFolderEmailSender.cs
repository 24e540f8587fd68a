using System.Net.Mail;
using Microsoft.Extensions.Logging;

namespace Storefront.Email.Services;

/// <summary>
/// The embedded default: each message becomes <c>{PickupDirectory}/{MessageId}.eml</c>, an RFC 5322
/// file any mail client opens. Named after the message id so a retried send replaces the earlier file.
/// </summary>
public sealed class PickupFolderEmailSender(EmailOptions options, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(options.PickupDirectory);
        var target = Path.Combine(folder, message.MessageId.Value + ".eml");

        // SmtpClient names pickup files with a fresh GUID; a private staging folder per send tells us which
        // file is ours, and the final move is a rename, so nobody reading the folder sees half a message.
        var staging = Path.Combine(folder, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using var mail = MailMessageFactory.Create(message, options);
            using var client = new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = staging,
            };
            await client.SendMailAsync(mail, cancellationToken);
            File.Move(Directory.GetFiles(staging).Single(), target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SmtpException)
        {
            throw new TransientEmailException($"The message could not be written to {folder}: {ex.Message}", null, ex);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        logger.LogInformation("Email {MessageId} written to {File}", message.MessageId, target);
    }
}
