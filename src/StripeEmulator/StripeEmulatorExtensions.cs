using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Storefront.StripeEmulator;

public static class StripeEmulatorExtensions
{
    /// <summary>The emulator's in-memory state, webhook sender and options. Map it with <see cref="MapStripeEmulator"/>.</summary>
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, StripeEmulatorOptions options)
    {
        if (options.ApiKeys.Count == 0 || string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            throw new ArgumentException("The Stripe emulator needs at least one API key and a webhook signing secret.", nameof(options));
        }

        services.AddSingleton(options);
        services.AddSingleton<StripeEmulatorState>();
        services.AddSingleton<EmulatorMount>();
        services.AddSingleton<EmulatorLedger>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.ClientName, http => http.Timeout = options.WebhookTimeout);
        return services;
    }

    /// <summary>
    /// Maps the Stripe API subset (<c>{prefix}/v1/…</c>), the hosted checkout page (<c>{prefix}/pay/{id}</c>) and
    /// its stylesheet. Refuses to run outside Development: a fake payment provider on a reachable host would hand out goods for nothing.
    /// </summary>
    /// <param name="prefix">Where to mount it, e.g. <c>/stripe-emulator</c>; point <c>Stripe__ApiBase</c> at the same path.</param>
    public static IEndpointRouteBuilder MapStripeEmulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The Stripe emulator must not be mapped in {environment.EnvironmentName}: it accepts fake payments and would grant downloads for free. " +
                "Point Stripe__ApiBase at Stripe (the default) and leave the emulator off, or run in the Development environment.");
        }

        prefix = prefix.TrimEnd('/');
        if (prefix.Length > 0 && !prefix.StartsWith('/'))
        {
            throw new ArgumentException("The emulator's prefix must start with '/', e.g. /stripe-emulator.", nameof(prefix));
        }

        endpoints.ServiceProvider.GetRequiredService<EmulatorMount>().Prefix = prefix;
        var group = endpoints.MapGroup(prefix);
        ApiEndpoints.Map(group);
        CheckoutPageEndpoints.Map(group);
        return endpoints;
    }
}
