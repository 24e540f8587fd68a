using Storefront.Host;
using Storefront.Host.Cli;
using Storefront.Host.Hosting;

try
{
    return await StorefrontCommandLine.InvokeAsync(args, BuildShop);
}
catch (Exception ex) when (StartupFailure.IsConfigurationError(ex))
{
    return StartupFailure.Report(ex);
}
catch (Exception ex) when (StartupFailure.Explain(ex) is { } reason)
{
    return StartupFailure.ReportUnstartable(reason);
}

static WebApplication BuildShop(string[] hostArguments)
{
    var builder = WebApplication.CreateBuilder(hostArguments);
    builder.AddStorefrontHosting();
    builder.AddStorefrontModules(StorefrontModules.All);
    builder.AddLocalStripeEmulator();

    var app = builder.Build();
    app.UseStorefrontPipeline();
    app.MapStorefrontHealth();
    app.MapStorefrontModules();
    app.MapLocalStripeEmulator();
    return app;
}

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
