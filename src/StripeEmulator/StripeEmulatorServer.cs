using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storefront.StripeEmulator;

/// <summary>The emulator on its own Kestrel, on a free loopback port: for tests, one per test if they like.</summary>
public static class StripeEmulatorServer
{
    public static async Task<RunningStripeEmulator> StartAsync(StripeEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddStripeEmulator(options);
        var app = builder.Build();
        // BaseUrl ends in a slash; an SDK that appends "/v1/…" to it as given (Stripe.net does) asks for "//v1/…".
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value is { } path && path.StartsWith("//", StringComparison.Ordinal))
            {
                context.Request.Path = "/" + path.TrimStart('/');
            }

            return next(context);
        });
        app.UseRouting();
        app.MapStripeEmulator();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningStripeEmulator(app, new Uri(address.Replace("[::]", "127.0.0.1")));
    }
}

/// <summary>A started emulator; dispose to stop it.</summary>
public sealed class RunningStripeEmulator(WebApplication app, Uri baseUrl) : IAsyncDisposable
{
    /// <summary>Use as <c>Stripe__ApiBase</c>, with or without its trailing slash; the hosted pages live below it too.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    public StripeEmulatorOptions Options => app.Services.GetRequiredService<StripeEmulatorOptions>();

    /// <summary>Events and deliveries, for assertions without going through the test-helper endpoints.</summary>
    public StripeEmulatorState State => app.Services.GetRequiredService<StripeEmulatorState>();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
