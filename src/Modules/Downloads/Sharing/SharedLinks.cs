using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Outbox;
using Storefront.Core.Security;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Sharing;

/// <summary>The shared-link review permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class SharingPermissions : IPermissionProvider
{
    public static readonly Permission ReviewSharedLinks = new(nameof(ReviewSharedLinks),
        "See purchases whose downloads went to many networks, with their addresses, and suspend or clear them.", "Orders");

    public IEnumerable<Permission> Permissions => [ReviewSharedLinks];

    // The evidence is buyers' addresses and IPs: it stays with administrators unless a role is given it on purpose.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}

public static class SharedLinks
{
    /// <summary>Detection after each delivery, its settings, its email, and the admin page with its permission and menu entry.</summary>
    public static IServiceCollection AddSharedLinkDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SharingOptions>().Bind(configuration.GetSection("Downloads:Sharing"))
            .Validate(o => SharingOptions.Problem(o.WindowHours, o.FlagNetworks, o.SuspendNetworks) is null,
                "Downloads:Sharing (env Downloads__Sharing__WindowHours 1–8760, __FlagNetworks 0 or 2–1000, __SuspendNetworks 0 or more than FlagNetworks) is out of range.")
            .ValidateOnStart();
        services.AddSingleton<IEntityModelContributor, SharingModel>();
        services.AddSingleton<IDataMigration, SharingMigrations>();
        services.AddSingleton<ISettingsSection, SharingSettingsSection>();
        services.AddScoped<SharingWatch>();
        services.AddScoped<SharingReview>();
        services.AddScoped<IOutboxHandler, SharingEmailHandler>();
        foreach (var template in SharingMail.Templates)
        {
            services.AddSingleton(template);
        }

        services.AddSingleton<IPermissionProvider, SharingPermissions>();
        services.AddSingleton(new AdminMenuItem("Shared links", "/admin/shared-links", nameof(SharingPermissions.ReviewSharedLinks), 15));
        return services;
    }
}
