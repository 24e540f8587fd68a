using Microsoft.Extensions.Options;
using Storefront.Email;

namespace Storefront.Operations.Settings;

/// <summary>
/// Refuses email settings that would leave the shop unable to send: first field by field, in the owner's words,
/// (every typed value, even one the environment overrides for now), then with the Email module's own start-up check
/// on the settings exactly as they would be in force, so a save
/// can never leave options that fail to build on the next message (or the next start).
/// </summary>
public sealed class EmailSettingsCheck(IOptionsMonitor<EmailOptions> current, EnvironmentSettings environment)
{
    public IReadOnlyList<(string Field, string Message)> Problems(SettingsForm form)
    {
        var problems = new List<(string Field, string Message)>();
        var host = Entered(form.SmtpHost);
        if (host is { Length: > 0 } && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            problems.Add((nameof(form.SmtpHost), $"Enter a host name such as smtp.example.com (no scheme or port), not '{host}'."));
        }

        var from = Entered(form.EmailFrom);
        if (from is { Length: > 0 } && !EmailAddressSyntax.IsPlainAddress(from))
        {
            problems.Add((nameof(form.EmailFrom), "Enter a plain address such as shop@example.com."));
        }

        if (problems.Count == 0)
        {
            var failures = new EmailOptionsValidator().Validate(null, Candidate(form)).Failures ?? [];
            problems.AddRange(failures.Select(f => ("", f)));
        }

        return problems;
    }

    /// <summary>The options as they would be after saving: the environment's values win, typed values replace stored ones.</summary>
    private EmailOptions Candidate(SettingsForm form)
    {
        var now = current.CurrentValue;
        var candidate = new EmailOptions
        {
            From = now.From,
            FromName = now.FromName,
            PickupDirectory = now.PickupDirectory,
            Smtp = new SmtpOptions
            {
                Host = now.Smtp.Host, Port = now.Smtp.Port, Username = now.Smtp.Username, Password = now.Smtp.Password,
                EnableSsl = now.Smtp.EnableSsl, Security = now.Smtp.Security, TimeoutSeconds = now.Smtp.TimeoutSeconds,
            },
        };
        if (!environment.Provides(PlainSetting.EmailFrom))
        {
            candidate.From = form.EmailFrom?.Trim() ?? "";
        }

        if (!environment.Provides(PlainSetting.SmtpHost))
        {
            candidate.Smtp.Host = form.SmtpHost?.Trim();
        }

        if (!environment.Provides(PlainSetting.SmtpPort) && form.SmtpPort is { } port)
        {
            candidate.Smtp.Port = port;
        }

        if (!environment.Provides(PlainSetting.SmtpUsername))
        {
            candidate.Smtp.Username = form.SmtpUsername?.Trim();
        }

        if (!environment.Provides(SecretSetting.SmtpPassword) && form.SmtpPassword?.Trim() is { Length: > 0 } password)
        {
            candidate.Smtp.Password = password;
        }

        return candidate;
    }

    private static string? Entered(string? value) => value?.Trim();
}
