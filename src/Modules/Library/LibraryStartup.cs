using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Library.Data;
using Storefront.Library.Links;
using Storefront.Library.Shelf;
using Storefront.Library.SignIn;

[assembly: Module("Library", Description = "The buyer's library: sign-in by emailed link, every order of an email, fresh download links.",
    Dependencies = ["Core", "Email", "Downloads", "Payments"])]

namespace Storefront.Library;

public sealed class LibraryStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddOptions<LibraryOptions>().Bind(context.Configuration.GetSection(LibraryOptions.Section))
            .Validate(o => o.IsValid, "Library:SignInLinksPerEmail, …PerAddress, LinkEmailsPerEmail, …PerAddress (1–10000), Library:LimitWindowMinutes "
                + "(1–1440) and Library:SessionHours (1–720) (env Library__…) are out of range.")
            .ValidateOnStart();
        services.AddLibraryCookie(context);
        services.AddSingleton<IEntityModelContributor, LibraryModel>();
        services.AddSingleton<IDataMigration, LibraryMigrations>();
        services.AddScoped<RequestLimits>();
        services.AddScoped<SignInLinks>();
        services.AddScoped<Storefront.Core.Privacy.IPersonalDataEraser, LibraryEraser>();
        services.AddScoped<LibraryShelf>();
        services.AddScoped<LinksReadyRequests>();
        services.AddScoped<IBuyerLibrary>(provider => provider.GetRequiredService<LinksReadyRequests>());
        services.AddScoped<IOutboxHandler, SignInLinkHandler>();
        services.AddScoped<IOutboxHandler, LinksReadyHandler>();
        foreach (var template in Emails.LibraryTemplates.All)
        {
            services.AddSingleton(template);
        }
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapLibraryInvoice();
}
