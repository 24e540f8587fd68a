using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Email.Services;

/// <summary>
/// The shop's <see cref="IEmailSender"/>: for each message, SMTP when a host is configured and the pickup folder
/// otherwise, with the options in force at that moment, so an SMTP server changed in the admin is used for the
/// very next message without a restart.
/// </summary>
public sealed class ConfiguredEmailSender(IOptionsMonitor<EmailOptions> options, ILoggerFactory loggers) : IEmailSender
{
    /// <summary>The sender the next message would go through.</summary>
    public IEmailSender Current => options.CurrentValue is var settings && settings.UsesSmtp
        ? new SmtpEmailSender(settings, loggers.CreateLogger<SmtpEmailSender>())
        : new PickupFolderEmailSender(settings, loggers.CreateLogger<PickupFolderEmailSender>());

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => Current.SendAsync(message, cancellationToken);
}
