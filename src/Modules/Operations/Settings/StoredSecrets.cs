using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Payments.Stripe;

namespace Storefront.Operations.Settings;

/// <summary>
/// Reads the secrets stored from the admin, once, when the options are first built (options are cached for
/// the life of the process, so a newly entered secret applies from the next start; the settings page says so).
/// </summary>
public sealed class StoredSecretReader(IServiceScopeFactory scopes, SecretSettings secrets, ILogger<StoredSecretReader> logger)
{
    public string? Read(SecretSetting secret)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            // Plain ADO rather than a query through EF: on the first start the table does not exist yet, and EF
            // would log that expected failure as an error. Options are built synchronously, once per process.
            var connection = db.Database.GetDbConnection();
            connection.Open();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT value FROM site_settings WHERE key = @key";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@key";
                parameter.Value = secret.StoredKey;
                command.Parameters.Add(parameter);
                return secrets.Unprotect(command.ExecuteScalar() as string);
            }
            finally
            {
                connection.Close();
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogDebug(ex, "No stored secrets readable yet");
            return null;
        }
    }
}

/// <summary>Fills Stripe secrets the configuration leaves empty with the ones stored from the admin.</summary>
public sealed class StoredStripeSecrets(StoredSecretReader reader) : IPostConfigureOptions<StripeOptions>
{
    public void PostConfigure(string? name, StripeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretKey) && reader.Read(SecretSetting.All[0]) is { } key)
        {
            options.SecretKey = key;
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret) && reader.Read(SecretSetting.All[1]) is { } webhook)
        {
            options.WebhookSecret = webhook;
        }
    }
}

/// <summary>Fills the SMTP password when the configuration has none.</summary>
public sealed class StoredEmailSecrets(StoredSecretReader reader) : IPostConfigureOptions<EmailOptions>
{
    public void PostConfigure(string? name, EmailOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Smtp.Password) && reader.Read(SecretSetting.All[2]) is { } password)
        {
            options.Smtp.Password = password;
        }
    }
}
