using Microsoft.Extensions.Options;

namespace Storefront.Host.Hosting;

/// <summary>
/// Outside Development no secret may have a value that ships in this repository (the demo's emulator keys,
/// <c>.env.example</c>'s placeholders): a shop that starts with a known webhook secret accepts forged payments,
/// and a Staging shop is as reachable as a live one. In Production every required secret must also be set. A secret typed into the admin counts as set (it is part of the configuration
/// chain, below the environment): an owner who configured Stripe there must be able to start the shop again.
/// </summary>
internal sealed class ProductionSecrets(IConfiguration configuration, IHostEnvironment environment)
    : IValidateOptions<ProductionSecrets.Marker>
{
    private static readonly string[] Required = ["Stripe:SecretKey", "Stripe:WebhookSecret"];

    private static readonly string[] Optional = ["Storage:S3:SecretKey", "Email:Smtp:Password"];

    private const string KeyEncryptionKey = "DataProtection:KeyEncryptionKey";

    public ValidateOptionsResult Validate(string? name, Marker options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var production = environment.IsProduction();
        var failures = new List<string>();
        foreach (var key in Required.Concat(Optional))
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                if (production && Required.Contains(key))
                {
                    failures.Add($"{key} (env {key.Replace(":", "__")}) must be set in Production (in the environment, or in the admin's settings).");
                }
            }
            else if (IsPublicDefault(value))
            {
                failures.Add($"{key} (env {key.Replace(":", "__")}) still has a default value from the repository; set the real secret.");
            }
        }

        // Never in the database: it protects the keys stored there.
        if (production && string.IsNullOrWhiteSpace(configuration[KeyEncryptionKey]))
        {
            failures.Add($"{KeyEncryptionKey} (env {KeyEncryptionKey.Replace(":", "__")}) must be set in Production, in the environment only: "
                + "32 random bytes in base64 (`openssl rand -base64 32`) that encrypt the key ring stored in the database.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPublicDefault(string value) =>
        value.Contains("change-me", StringComparison.OrdinalIgnoreCase)
        || value.Contains("emulator", StringComparison.OrdinalIgnoreCase)
        || value is "S3RVER" or "minioadmin";

    /// <summary>Nothing to bind: the check reads configuration directly and runs at start.</summary>
    public sealed class Marker;
}
