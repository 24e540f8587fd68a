using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Templates;

namespace Storefront.Catalog.Templates;

/// <summary>The storefront sections editors can change through templates, each with its Liquid equivalent of the built-in.</summary>
internal static class CatalogTemplates
{
    public const string ProductDetails = "product.details";

    public const string ProductAside = "product.aside";

    public const string HomeIntro = "home.intro";

    private static readonly Type[] ProductTypes = [typeof(ProductTemplateModel), typeof(BundleItemTemplateModel)];

    public static IEnumerable<TemplateDefinition> All =>
    [
        new(ProductDetails, "Product page: description", TemplateFormat.Html, "product", ProductTypes)
        {
            Description = "The product page's description, under the title and the Buy button.",
            Starter = "<div class=\"product__description\">{{ product.description_html | raw }}</div>\n",
            Sample = SampleProductAsync,
        },
        new(ProductAside, "Product page: after the description", TemplateFormat.Html, "product", ProductTypes)
        {
            Description = "What the product page says after the description: the download promise of products sold here.",
            Starter = """
                {% unless product.is_external %}
                <p class="product__policy">
                    Instant download after payment: your copy carries your name and is yours to keep.
                </p>
                {% endunless %}

                """,
            Sample = SampleProductAsync,
        },
        new(HomeIntro, "Home page: introduction", TemplateFormat.Html, "home", [typeof(HomeTemplateModel), typeof(ProductCardTemplateModel)])
        {
            Description = "An introduction above the home page's product list; the built-in has none.",
            Sample = async (services, cancellationToken) =>
                HomeTemplateModel.Of(await services.GetRequiredService<ProductCatalog>().ListPublishedAsync(cancellationToken)),
        },
    ];

    /// <summary>The first product on sale, as its page would show it; a made-up one in a shop with none yet.</summary>
    private static async Task<object> SampleProductAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<ProductCatalog>();
        var markdown = services.GetRequiredService<MarkdownRenderer>();
        var product = (await catalog.ListPublishedAsync(cancellationToken)).FirstOrDefault()
            ?? new Product { Title = "Sample guide", Slug = "sample-guide", Description = "A **sample** description.", PriceMinor = 1900, Currency = "usd",
                CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
        var contents = await catalog.ContentsAsync(product.Id, cancellationToken);
        return ProductTemplateModel.Of(product, markdown.ToHtml(product.Description), markdown.ToPlainText(product.Description), contents);
    }
}
