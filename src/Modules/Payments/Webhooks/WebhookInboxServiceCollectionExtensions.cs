using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Display;
using Storefront.Payments.Admin;

namespace Storefront.Payments.Webhooks;

public static class WebhookInboxServiceCollectionExtensions
{
    /// <summary>The inbox of Stripe events: its options (refused at start when out of range), worker, metrics and admin screen.</summary>
    public static IServiceCollection AddWebhookInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.IsValid, WebhookOptions.ValidationMessage).ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<WebhookMetrics>();
        services.AddScoped<StripeEventProcessor>();
        services.AddScoped<WebhookInbox>();
        services.AddScoped<WebhookEvents>();
        services.AddSingleton<WebhookInboxWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookInboxWorker>());
        services.AddSingleton(new AdminMenuItem("Webhooks", "/admin/webhooks", PaymentsPermissions.Names.ManageWebhooks, 12));
        return services;
    }
}
