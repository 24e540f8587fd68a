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
        app.MapStripeEmulator();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningStripeEmulator(app, new Uri(address.Replace("[::]", "127.0.0.1")));
    }
}

/// <summary>A started emulator; dispose to stop it.</summary>
public sealed class RunningStripeEmulator(WebApplication app, Uri baseUrl) : IAsyncDisposable
{
    /// <summary>Use as <c>Stripe__ApiBase</c>; the hosted pages live below it too.</summary>
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
