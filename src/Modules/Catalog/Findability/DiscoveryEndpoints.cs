using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Caching;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Catalog.Findability;

/// <summary>
/// <c>/sitemap.xml</c>, <c>/robots.txt</c> and <c>/feed.xml</c> (Atom 1.0), for search engines and feed readers. They are
/// public pages like the storefront's: served from the output cache and evicted with it when the catalogue changes.
/// Addresses are absolute, from <c>Site__BaseUrl</c> where it is set.
/// </summary>
public static class DiscoveryEndpoints
{
    public const int FeedEntries = 20;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Buyers' and editors' areas, carts and machine endpoints: nothing there is for a search engine.</summary>
    private static readonly string[] Private = ["/admin", "/checkout", "/download", "/library", "/cart", "/api", "/go/", "/search"];

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cached = new OutputCacheAttribute { PolicyName = PageCache.PolicyName };
        endpoints.MapGet("/sitemap.xml", SitemapAsync).WithMetadata(cached);
        endpoints.MapGet("/robots.txt", Robots).WithMetadata(cached);
        endpoints.MapGet("/feed.xml", FeedAsync).WithMetadata(cached);
        return endpoints;
    }

    private static IResult Robots(HttpContext context, IOptions<SiteOptions> site)
    {
        var text = new StringBuilder("User-agent: *\nAllow: /\n");
        foreach (var path in Private)
        {
            text.Append("Disallow: ").Append(path).Append('\n');
        }

        text.Append("\nSitemap: ").Append(site.Value.OriginFor(context.Request)).Append("/sitemap.xml\n");
        return Results.Text(text.ToString(), "text/plain; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, StorefrontDbContext db, IOptions<SiteOptions> site, CancellationToken cancellationToken)
    {
        var origin = site.Value.OriginFor(context.Request);
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.Published && p.ArchivedAt == null)
            .OrderBy(p => p.Slug).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        var pages = await db.Set<ContentPage>().AsNoTracking().Where(p => p.Published)
            .OrderBy(p => p.Slug).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        var terms = await Taxonomies.TaxonomySitemap.EntriesAsync(db, cancellationToken);
        return Xml("application/xml; charset=utf-8", xml =>
        {
            xml.WriteStartElement("urlset", SitemapNamespace);
            Url(xml, origin + "/", products.Count == 0 ? null : products.Max(p => p.UpdatedAt));
            foreach (var product in products)
            {
                Url(xml, $"{origin}/products/{product.Slug}", product.UpdatedAt);
            }

            foreach (var page in pages)
            {
                Url(xml, $"{origin}/pages/{page.Slug}", page.UpdatedAt);
            }

            foreach (var (path, updatedAt) in terms)
            {
                Url(xml, origin + path, updatedAt);
            }

            xml.WriteEndElement();
        });
    }

    private static async Task<IResult> FeedAsync(
        HttpContext context, StorefrontDbContext db, IOptions<SiteOptions> site, SiteSettingsStore settings, MarkdownRenderer markdown,
        CancellationToken cancellationToken)
    {
        var origin = site.Value.OriginFor(context.Request);
        var name = (await settings.GetAsync(cancellationToken)).SiteName;
        var products = await db.Set<Product>().AsNoTracking().Where(p => p.Published && p.ArchivedAt == null)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Slug).Take(FeedEntries).ToListAsync(cancellationToken);
        return Xml("application/atom+xml; charset=utf-8", xml =>
        {
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", origin + "/");
            xml.WriteElementString("title", XmlText(name));
            // Atom requires a date; an empty shop's feed has not changed since the epoch.
            xml.WriteElementString("updated", Stamp(products.Count == 0 ? DateTime.UnixEpoch : products.Max(p => p.UpdatedAt)));
            Link(xml, "self", origin + "/feed.xml", "application/atom+xml");
            Link(xml, "alternate", origin + "/", "text/html");
            xml.WriteStartElement("author");
            xml.WriteElementString("name", XmlText(name));
            xml.WriteEndElement();
            foreach (var product in products)
            {
                var address = $"{origin}/products/{product.Slug}";
                xml.WriteStartElement("entry");
                xml.WriteElementString("id", address);
                xml.WriteElementString("title", XmlText(product.SeoTitle ?? product.Title));
                xml.WriteElementString("published", Stamp(product.CreatedAt));
                xml.WriteElementString("updated", Stamp(product.UpdatedAt));
                Link(xml, "alternate", address, "text/html");
                xml.WriteStartElement("summary");
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlText(product.SeoDescription ?? markdown.ToPlainText(product.Description)));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    private static void Url(XmlWriter xml, string location, DateTime? modified)
    {
        xml.WriteStartElement("url");
        xml.WriteElementString("loc", location);
        if (modified is { } at)
        {
            xml.WriteElementString("lastmod", Stamp(at));
        }

        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>
    /// Editors' text without the characters XML 1.0 cannot hold: a control character pasted into a title would
    /// otherwise make the writer throw, and every reader would lose the whole feed over one product.
    /// </summary>
    private static string XmlText(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\t' or '\n' or '\r' or (>= 0x20 and not (0xFFFE or 0xFFFF)))
            {
                kept.Append(rune.ToString());
            }
        }

        return kept.ToString();
    }

    /// <summary>RFC 3339 in UTC, as both Atom and sitemaps want it.</summary>
    private static string Stamp(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static IResult Xml(string contentType, Action<XmlWriter> write)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return Results.Bytes(output.ToArray(), contentType);
    }
}
