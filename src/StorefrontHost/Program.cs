using Storefront.Host;
using Storefront.Host.Cli;
using Storefront.Host.Hosting;

var command = StorefrontCommand.Parse(args);
if (command.Error is not null)
{
    return StorefrontCommand.Fail(command.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(command.HostArguments);
    builder.AddStorefrontHosting();
    builder.AddStorefrontModules(StorefrontModules.All);
    builder.AddLocalStripeEmulator();

    var app = builder.Build();
    app.UseStorefrontPipeline();
    app.MapStorefrontHealth();
    app.MapStorefrontModules();
    app.MapLocalStripeEmulator();

    return await command.RunAsync(app);
}
catch (Exception ex) when (StartupFailure.IsConfigurationError(ex))
{
    return StartupFailure.Report(ex);
}

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
