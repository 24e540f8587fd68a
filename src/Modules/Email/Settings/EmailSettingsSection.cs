using System.Globalization;
using Microsoft.Extensions.Options;
using Storefront.Core.Mail;
using Storefront.Core.Settings;

namespace Storefront.Email.Settings;

/// <summary>
/// The SMTP server, login and sender. A save is refused field by field in the owner's words, then with the Email
/// module's own start-up check on the settings exactly as they would be in force, so a save can never leave options
/// that fail to build on the next message (or the next start).
/// </summary>
internal sealed class EmailSettingsSection(IOptionsMonitor<EmailOptions> current) : ISettingsSection
{
    public string Title => "Outgoing email";

    public int Order => 40;

    public string? Hint => "Receipts, password resets and invitations go through this SMTP server (STARTTLS, or implicit TLS on port 465). Leave the host empty to "
        + "write messages to the server's pickup folder instead. Changes apply to the next message, on every instance, within seconds.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("SmtpHost", "SMTP host", "Email:Smtp:Host")
        {
            ChangeName = "SMTP host",
            Problem = v => v.Length > 255 ? "The SMTP host can be at most 255 characters."
                : Uri.CheckHostName(v) == UriHostNameType.Unknown ? $"Enter a host name such as smtp.example.com (no scheme or port), not '{v}'." : null,
        },
        new("SmtpPort", "SMTP port", "Email:Smtp:Port", SettingInput.Number)
        {
            ChangeName = "SMTP port", Min = 1, Max = 65535,
            Problem = v => !int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
                ? "The SMTP port must be between 1 and 65535." : null,
        },
        new("SmtpUsername", "SMTP user name", "Email:Smtp:Username")
        {
            ChangeName = "SMTP user name", Problem = v => v.Length > 200 ? "The SMTP user name can be at most 200 characters." : null,
        },
        new("EmailFrom", "Sender address", "Email:From", SettingInput.Email)
        {
            ChangeName = "sender address",
            Problem = v => v.Length <= 254 && EmailAddressSyntax.IsPlainAddress(v)
                ? null : "Enter a plain address such as shop@example.com.",
        },
        new("SmtpPassword", "SMTP password", "Email:Smtp:Password", SettingInput.Secret) { ChangeName = "SMTP password" },
    ];

    public IEnumerable<(string Field, string Message)> Validate(IReadOnlyDictionary<string, string?> candidate)
    {
        var now = current.CurrentValue;
        var options = new EmailOptions
        {
            From = candidate.GetValueOrDefault("Email:From") ?? "",
            FromName = now.FromName,
            PickupDirectory = now.PickupDirectory,
            Smtp = new SmtpOptions
            {
                Host = candidate.GetValueOrDefault("Email:Smtp:Host"),
                Port = int.TryParse(candidate.GetValueOrDefault("Email:Smtp:Port"), CultureInfo.InvariantCulture, out var port) ? port : now.Smtp.Port,
                Username = candidate.GetValueOrDefault("Email:Smtp:Username"),
                Password = candidate.GetValueOrDefault("Email:Smtp:Password"),
                EnableSsl = now.Smtp.EnableSsl,
                Security = now.Smtp.Security,
                TimeoutSeconds = now.Smtp.TimeoutSeconds,
            },
        };
        return (new EmailOptionsValidator().Validate(null, options).Failures ?? []).Select(f => ("", f));
    }
}
