using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;

[assembly: Module("Admin", Description = "The CMS admin's shell, which every module adds its screens and menu entries to.",
    Dependencies = ["Core", "Users"])]

namespace Storefront.Admin;

public sealed class AdminStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }
}
