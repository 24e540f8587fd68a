using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Core.Modules;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Gate;
using Storefront.Downloads.Sharing;
using Storefront.Downloads.Stamping;
using Storefront.Downloads.Tracing;

[assembly: Module("Downloads", Description = "Entitlements, download tokens, the download gate and PDF stamping.", Dependencies = ["Core", "Media", "Catalog", "Email"])]

namespace Storefront.Downloads;

public sealed class DownloadsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddOptions<StampingOptions>().Bind(context.Configuration.GetSection("Downloads:Stamping"));
        // The engine keeps no per-call state (each call owns its own qpdf_data), so one instance serves all requests.
        services.TryAddSingleton<IPdfStamper, PdfStamper>();
        services.AddSingleton<IMasterFileValidator, StamperMasterValidator>();

        services.AddOptions<DownloadsOptions>().Bind(context.Configuration.GetSection("Downloads"))
            .Validate(o => o.DefaultUses is >= 1 and <= 1000, "Downloads:DefaultUses (env Downloads__DefaultUses) must be between 1 and 1000.")
            .Validate(o => o.DefaultExpiryHours is >= 1 and <= 87600, "Downloads:DefaultExpiryHours (env Downloads__DefaultExpiryHours) must be between 1 and 87600.")
            .Validate(o => o.MaxConcurrentStreams is >= 1 and <= 100, "Downloads:MaxConcurrentStreams (env Downloads__MaxConcurrentStreams) must be between 1 and 100.")
            .Validate(o => o.MaxInterruptedCopies is >= 0 and <= 1000, "Downloads:MaxInterruptedCopies (env Downloads__MaxInterruptedCopies) must be between 0 and 1000.")
            .Validate(o => o.MinDataRateBytesPerSecond is >= 240 and <= 100_000_000,
                "Downloads:MinDataRateBytesPerSecond (env Downloads__MinDataRateBytesPerSecond) must be between 240 (Kestrel's own floor) and 100000000.")
            .Validate(o => o.MaxStreamSeconds is >= 10 and <= 86400, "Downloads:MaxStreamSeconds (env Downloads__MaxStreamSeconds) must be between 10 and 86400.")
            .Validate(o => o.ResumeWindow >= TimeSpan.Zero && o.ResumeWindow <= TimeSpan.FromDays(30),
                "Downloads:ResumeWindow (env Downloads__ResumeWindow) must be between 00:00:00 (no free resumes) and 30.00:00:00.")
            .Validate(o => o.MasterCacheMegabytes is >= 0 and <= 65536,
                "Downloads:MasterCacheMegabytes (env Downloads__MasterCacheMegabytes) must be between 0 (no cache) and 65536.")
            .Validate(o => o.TraceMaxMegabytes is >= 1 and <= 100,
                "Downloads:TraceMaxMegabytes (env Downloads__TraceMaxMegabytes) must be between 1 and 100 (the trace page's upload limit).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Storefront.Core.Settings.ISettingsSection, Settings.DownloadSettingsSection>();
        services.AddSingleton<IEntityModelContributor, DownloadsModel>();
        services.AddSingleton<IDataMigration, DownloadsMigrations>();
        services.AddScoped<EntitlementService>();
        services.AddSingleton<DownloadTokens>();
        services.AddSingleton<DownloadLinks>();
        services.AddScoped<DownloadLedger>();
        services.AddSingleton<DownloadMetrics>();
        services.AddSingleton<MasterCache>();
        services.AddScoped<CopySender>();
        services.AddScoped<DownloadGate>();
        services.AddScoped<RequestedRange>();
        services.AddScoped<ResumeGate>();
        services.AddSingleton<CopyLengths>();
        services.AddSingleton<AttemptSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<AttemptSweep>());
        services.AddScoped<IDownloadAccess, DownloadAccess>();
        services.AddScoped<Storefront.Core.Privacy.IPersonalDataEraser, DownloadsEraser>();
        services.AddLeakTracing();
        services.AddSharedLinkDetection(context.Configuration);
        services.AddScoped<OrderEventHandlers>();
        services.AddScoped<IDomainEventHandler<OrderPaid>>(provider => provider.GetRequiredService<OrderEventHandlers>());
        services.AddScoped<IDomainEventHandler<OrderRefunded>>(provider => provider.GetRequiredService<OrderEventHandlers>());
        services.AddScoped<IDomainEventHandler<OrderLinesRefunded>>(provider => provider.GetRequiredService<OrderEventHandlers>());
        services.AddScoped<IDomainEventHandler<OrderDisputeOpened>>(provider => provider.GetRequiredService<OrderEventHandlers>());
        services.AddScoped<IDomainEventHandler<OrderDisputeClosed>>(provider => provider.GetRequiredService<OrderEventHandlers>());
    }
}
