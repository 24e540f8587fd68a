using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Storefront.Core.Display;

/// <summary>
/// One page of a long admin list, as the admin theme's <c>_Pagination</c> partial shows it: "Page N of M" between links
/// to the pages either side (none when everything fits on one). <see cref="Link"/> gives a page's address, filters included.
/// Lists shown newest first call the way back "Newer" and the way on "Older"; others pass their own words.
/// </summary>
public sealed record Pagination(string Label, int Page, int PageCount, Func<int, string?> Link, string Previous = "Newer", string Next = "Older")
{
    /// <summary>
    /// The page number's name in the query. Not "page": Razor Pages reserves that route value for the page's own name, so a
    /// "page" in the query never binds, and a link built with one names the page instead of the number.
    /// </summary>
    public const string Query = "p";

    /// <summary>The current Razor Page's address showing page <paramref name="page"/>, with <paramref name="values"/> kept in the query.</summary>
    public static string? Href(IUrlHelper url, int page, object? values = null, string? handler = null) =>
        url.Page(null, handler, new RouteValueDictionary(values) { [Query] = page });
}
