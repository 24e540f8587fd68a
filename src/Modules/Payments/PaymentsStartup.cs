using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Metrics;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Payments.Admin;
using Storefront.Payments.Checkout;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Disputes;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Payments.Promotions;
using Storefront.Payments.Receipts;
using Storefront.Payments.Refunds;
using Storefront.Payments.Stripe;
using Storefront.Payments.Webhooks;

[assembly: Module("Payments", Description = "Stripe Checkout, signed webhooks, orders, receipts and refunds.",
    Dependencies = ["Core", "Catalog", "Downloads", "Email"])]

namespace Storefront.Payments;

public sealed class PaymentsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddStripeClient(context.Configuration);
        services.AddSingleton<Storefront.Core.Settings.ISettingsSection, Settings.StripeSettingsSection>();
        services.AddSingleton<Storefront.Core.Settings.ISettingsSection, Settings.InvoiceSettingsSection>();
        services.AddOptions<InvoiceOptions>().Bind(context.Configuration.GetSection(InvoiceOptions.SectionName));
        services.AddHostedService<InvoiceFontsCheck>();
        services.AddSingleton<IEntityModelContributor, PaymentsModel>();
        services.AddSingleton<IDataMigration, PaymentsMigrations>();
        services.AddSingleton<IEntityModelContributor, OrderLineVersionModel>();
        services.AddSingleton<IDataMigration, OrderLineVersionMigrations>();
        services.AddScoped<OrderNumbers>();
        services.AddScoped<Storefront.Core.Privacy.IPersonalDataEraser, Privacy.PaymentsEraser>();
        services.AddScoped<CheckoutSessions>();
        services.AddScoped<InvoiceNumbers>();
        services.AddScoped<InvoiceDocuments>();
        services.AddScoped<Fulfilment>();
        services.AddScoped<OrderDisputes>();
        services.AddScoped<CheckoutStarter>();
        services.AddScoped<CheckoutStatus>();
        services.AddScoped<Cart.CartStore>();
        services.AddSingleton<Storefront.Core.Display.ISiteNavigation, Cart.CartNavigation>();
        services.AddMemoryCache();
        services.AddSingleton<CheckoutSessionLookup>();
        services.AddScoped<CheckoutSettlement>();
        services.AddOptions<Reconciliation.ReconciliationOptions>().Bind(context.Configuration.GetSection(Reconciliation.ReconciliationOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.Window > TimeSpan.Zero && o.PendingLifetime >= TimeSpan.FromHours(24),
                "Reconciliation:Interval must be at least a second, Window positive and PendingLifetime at least 24 hours (a Checkout Session lives up to 24).")
            .ValidateOnStart();
        services.AddSingleton<Reconciliation.ReconciliationSweeper>();
        services.AddSingleton<Reconciliation.SweeperLagHealthCheck>();
        services.AddHealthChecks().AddCheck<Reconciliation.SweeperLagHealthCheck>("reconciliation", tags: ["ready"]);
        services.AddMetricSource<PaymentsMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<Reconciliation.ReconciliationSweeper>());
        services.AddScoped<Storefront.Core.Content.IProductSales, ProductSales>();
        services.AddScoped<Storefront.Core.Content.IBuyerOrders, BuyerOrders>();
        services.AddWebhookInbox(context.Configuration);
        services.AddScoped<ReceiptSender>();
        services.AddScoped<IOutboxHandler, ReceiptHandler>();
        services.AddScoped<OrderRefunds>();
        services.AddScoped<CreditNoteNumbers>();
        services.AddScoped<CreditNoteDocuments>();
        services.AddScoped<RefundEmailSender>();
        services.AddScoped<IOutboxHandler, RefundEmailHandler>();
        services.AddScoped<DisputeEmailSender>();
        services.AddScoped<DisputeEvidence>();
        services.AddScoped<IOutboxHandler, DisputeEmailHandler>();
        services.AddSingleton(new ZoneItem("ProductActions", "_BuyButton"));
        services.AddOrdersAdmin();
        services.AddPromotionsAndTax(context.Configuration);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapStripeWebhook().MapInvoiceDownload().MapCreditNoteDownload();
}
