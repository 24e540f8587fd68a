using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;

[assembly: Module("Payments", Description = "Stripe Checkout, signed webhooks, orders and refunds.", Dependencies = ["Core", "Catalog"])]

namespace Storefront.Payments;

public sealed class PaymentsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }
}
