using Storefront.Core.Modules;
using Storefront.StripeEmulator;

namespace Storefront.Host.Hosting;

/// <summary>
/// <c>Stripe__Emulator__Enabled=true</c> mounts the Stripe emulator inside the shop at
/// <c>/stripe-emulator</c> for the offline demo: Stripe__ApiBase points at it and it delivers signed
/// webhooks back to this shop. Refused in every environment but Development: on a reachable shop (Staging included)
/// it would hand out downloads for free.
/// </summary>
public static class LocalStripeEmulator
{
    public const string Prefix = "/stripe-emulator";

    public static WebApplicationBuilder AddLocalStripeEmulator(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Stripe:Emulator:Enabled", false))
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new ModuleConfigurationException(
                $"Stripe:Emulator:Enabled (env Stripe__Emulator__Enabled) is refused in {builder.Environment.EnvironmentName}: "
                + "the emulator accepts fake payments and runs in Development only.");
        }

        var origin = builder.Configuration["Site:BaseUrl"]?.TrimEnd('/')
            ?? throw new ModuleConfigurationException("Stripe:Emulator:Enabled needs Site:BaseUrl (env Site__BaseUrl) so it can call the shop's webhook.");
        // The emulator takes the shop's own key and signs with the shop's own secret; without them it could do neither.
        var missing = new[] { ("Stripe:SecretKey", "Stripe__SecretKey"), ("Stripe:WebhookSecret", "Stripe__WebhookSecret") }
            .Where(key => string.IsNullOrWhiteSpace(builder.Configuration[key.Item1])).Select(key => $"{key.Item1} (env {key.Item2})").ToList();
        if (missing.Count > 0)
        {
            throw new ModuleConfigurationException($"Stripe:Emulator:Enabled needs {string.Join(" and ", missing)}: the emulator accepts the "
                + "shop's secret key and signs its webhooks with the shop's webhook secret. Any test values do, such as "
                + "sk_test_emulator and whsec_emulator_local, which scripts/run.sh sets.");
        }

        builder.Configuration["Stripe:ApiBase"] = origin + Prefix;
        builder.Services.AddStripeEmulator(new StripeEmulatorOptions
        {
            ApiKeys = [builder.Configuration["Stripe:SecretKey"]!],
            WebhookSecret = builder.Configuration["Stripe:WebhookSecret"]!,
            WebhookUrl = origin + "/webhooks/stripe",
            DisplayName = "Storefront (test payments)",
        });
        return builder;
    }

    public static WebApplication MapLocalStripeEmulator(this WebApplication app)
    {
        if (app.Configuration.GetValue("Stripe:Emulator:Enabled", false))
        {
            app.MapStripeEmulator(Prefix);
        }

        return app;
    }
}
