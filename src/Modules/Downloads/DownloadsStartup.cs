using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Modules;
using Storefront.Downloads.Stamping;

[assembly: Module("Downloads", Description = "Entitlements, download tokens, the download gate and PDF stamping.", Dependencies = ["Core", "Media"])]

namespace Storefront.Downloads;

public sealed class DownloadsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddOptions<StampingOptions>().Bind(context.Configuration.GetSection("Downloads:Stamping"));
        // The engine keeps no per-call state (each call owns its own qpdf_data), so one instance serves all requests.
        services.TryAddSingleton<IPdfStamper, PdfStamper>();
    }
}
