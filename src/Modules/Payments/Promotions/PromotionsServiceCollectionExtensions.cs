using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Recipes;
using Storefront.Payments.Admin;
using Storefront.Payments.Tax;

namespace Storefront.Payments.Promotions;

public static class PromotionsServiceCollectionExtensions
{
    /// <summary>Promotion codes (table, Stripe coupons, checkout check, admin screen, recipe steps) and the Stripe Tax setting.</summary>
    public static IServiceCollection AddPromotionsAndTax(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSingleton<IEntityModelContributor, PromotionsModel>();
        services.AddSingleton<IDataMigration, PromotionsMigrations>();
        services.AddScoped<StripeProducts>();
        services.AddScoped<PromotionCodes>();
        services.AddScoped<PromotionCodeCheck>();
        services.AddScoped<IRecipeStep, PromotionsRecipeStep>();
        services.AddScoped<IRecipeExportStep, PromotionsExportStep>();
        services.AddSingleton(new AdminMenuItem("Promotions", "/admin/promotions", PaymentsPermissions.Names.ManagePromotions, 15));
        services.AddOptions<TaxOptions>().Bind(configuration.GetSection(TaxOptions.SectionName));
        services.AddSingleton<CheckoutTax>();
        services.AddSingleton<Storefront.Core.Settings.ISettingsSection, Settings.TaxSettingsSection>();
        return services;
    }
}
