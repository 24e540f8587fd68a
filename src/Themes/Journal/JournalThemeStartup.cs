using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;
using Storefront.Core.Themes;

[assembly: Module("JournalTheme", Description = "A quiet serif storefront theme.", Dependencies = ["Core"])]

namespace Storefront.Themes.Journal;

public sealed class JournalThemeStartup : ModuleStartup
{
    public const string Name = "Journal";

    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<JournalAssets>();
        // Its views live in /Pages/Journal rather than /Pages/Shared: two themes' layouts at one path would collide.
        services.AddStorefrontTheme(new ThemeDescriptor(Name,
            "Quiet and bookish: serif type on warm paper, a centred masthead and products listed like a table of contents.",
            ViewsPath: "/Pages/Journal"));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => JournalAssets.Map(endpoints);
}
