using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Storefront.Core.Modules;

/// <summary>What a module gets to see while it registers itself.</summary>
public sealed record ModuleContext(IConfiguration Configuration, IHostEnvironment Environment);

/// <summary>
/// One small startup per module. The host calls <see cref="ConfigureServices"/> for every enabled
/// module in dependency order, then <see cref="MapEndpoints"/> once the pipeline is built.
/// </summary>
public abstract class ModuleStartup
{
    public virtual void ConfigureServices(IServiceCollection services, ModuleContext context) { }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
