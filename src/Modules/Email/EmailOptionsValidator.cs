using Microsoft.Extensions.Options;
using Storefront.Core.Mail;

namespace Storefront.Email;

/// <summary>
/// Checked at start so a misconfigured shop fails to boot instead of losing the first receipt.
/// Every problem is reported at once, each naming the environment key to fix.
/// </summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Email__From is required: the address receipts are sent from, such as shop@example.com.");
        }
        else if (!EmailAddressSyntax.IsPlainAddress(options.From))
        {
            failures.Add($"Email__From must be a plain email address such as shop@example.com (put the name in Email__FromName), not '{options.From}'.");
        }

        if (options.FromName?.IndexOfAny(['\r', '\n']) >= 0)
        {
            failures.Add("Email__FromName must be a single line.");
        }

        if (options.UsesSmtp)
        {
            ValidateSmtp(options.Smtp, failures);
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Email__PickupDirectory must name a folder when Email__Smtp__Host is not set (default data/mail).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSmtp(SmtpOptions smtp, List<string> failures)
    {
        if (Uri.CheckHostName(smtp.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"Email__Smtp__Host must be a host name or IP address such as smtp.example.com, not '{smtp.Host}'.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add($"Email__Smtp__Port must be between 1 and 65535, not {smtp.Port}.");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add($"Email__Smtp__Security must be Auto, StartTls, SslOnConnect or None, not '{smtp.Security}'.");
        }
        else if (smtp.Security == SmtpSecurity.None && smtp.EnableSsl == true)
        {
            failures.Add("Email__Smtp__EnableSsl=true and Email__Smtp__Security=None contradict each other: drop one of them.");
        }

        if (string.IsNullOrEmpty(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
        {
            failures.Add("Email__Smtp__Username and Email__Smtp__Password must be set together (or neither, for a relay that needs no login).");
        }

        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"Email__Smtp__TimeoutSeconds must be between 1 and 600, not {smtp.TimeoutSeconds}.");
        }
    }
}
