using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Templates;
using Storefront.Email.Templates;

namespace Storefront.Email.Services;

/// <summary>
/// The shop's <see cref="IEmailSender"/>: for each message, SMTP when a host is configured and the pickup folder
/// otherwise, with the options in force at that moment, so an SMTP server changed in the admin is used for the
/// very next message without a restart. Subject and bodies come from the editor's templates where saved, in one place
/// for every email the shop sends.
/// </summary>
public sealed class ConfiguredEmailSender(IOptionsMonitor<EmailOptions> options, ILoggerFactory loggers, IServiceScopeFactory scopes) : IEmailSender
{
    /// <summary>The sender the next message would go through.</summary>
    public IEmailSender Current => options.CurrentValue is var settings && settings.UsesSmtp
        ? new SmtpEmailSender(settings, loggers.CreateLogger<SmtpEmailSender>())
        : new PickupFolderEmailSender(settings, loggers.CreateLogger<PickupFolderEmailSender>());

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Template is not null)
        {
            // Core registers a renderer in the shop; the email services set up on their own (a tool, a test) send the built-in.
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<ITemplateRenderer>() is { } templates)
            {
                message = await TemplatedEmail.ApplyAsync(message, templates, cancellationToken);
            }
        }

        await Current.SendAsync(message, cancellationToken);
    }
}
