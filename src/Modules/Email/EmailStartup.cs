using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;

[assembly: Module("Email", Description = "Outgoing email over SMTP or to a pickup folder, and the buyer's receipt.", Dependencies = ["Core"])]

namespace Storefront.Email;

public sealed class EmailStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddEmail(context.Configuration);
        services.AddSingleton<Storefront.Core.Settings.ISettingsSection, Settings.EmailSettingsSection>();
        foreach (var template in Templates.ShopEmailTemplates.All)
        {
            services.AddSingleton(template);
        }
    }
}
