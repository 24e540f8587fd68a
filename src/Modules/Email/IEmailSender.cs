namespace Storefront.Email;

/// <summary>
/// Sends one message. Throws <see cref="TransientEmailException"/> when trying again later may work
/// and <see cref="PermanentEmailException"/> when it will not, so an outbox knows whether to retry.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
