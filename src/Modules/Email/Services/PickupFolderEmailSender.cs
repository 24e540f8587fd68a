using Microsoft.Extensions.Logging;
using MimeKit;

namespace Storefront.Email.Services;

/// <summary>
/// The embedded default: each message becomes <c>{PickupDirectory}/{MessageId}.eml</c>, an RFC 5322
/// file any mail client opens. Named after the message id so a retried send replaces the earlier file.
/// </summary>
public sealed class PickupFolderEmailSender(EmailOptions options, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    // RFC 5322 lines end in CRLF whatever the OS; relays that collect pickup folders expect it.
    private static readonly FormatOptions Format = new() { NewLineFormat = NewLineFormat.Dos };

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mime = MimeMessageFactory.Create(message, options);
        // No relay stands between the file and its reader, so UTF-8 text stays 8-bit instead of being quoted-printable;
        // only a line past RFC 5322's 998 characters forces an encoding.
        mime.Prepare(EncodingConstraint.EightBit, 998);
        var folder = Path.GetFullPath(options.PickupDirectory);
        var target = Path.Combine(folder, message.MessageId.Value + ".eml");
        // Written beside the target under a dot-name, then renamed: whoever reads the folder never sees half a message.
        var staging = Path.Combine(folder, $".{message.MessageId.Value}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await mime.WriteToAsync(Format, file, cancellationToken);
            }

            File.Move(staging, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransientEmailException($"The message could not be written to {folder}: {ex.Message}", null, ex);
        }
        finally
        {
            File.Delete(staging);
        }

        logger.LogInformation("Email {MessageId} written to {File}", message.MessageId, target);
    }
}
