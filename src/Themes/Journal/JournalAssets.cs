using Microsoft.AspNetCore.Routing;
using Storefront.Core.Display;

namespace Storefront.Themes.Journal;

/// <summary>The Journal theme's assets under <c>/themes/journal/{file}</c>.</summary>
public sealed class JournalAssets() : EmbeddedAssets(typeof(JournalAssets).Assembly, "journal-theme/", RoutePrefix)
{
    public const string RoutePrefix = "/themes/journal/";

    public static void Map(IEndpointRouteBuilder endpoints) => Map<JournalAssets>(endpoints, RoutePrefix);
}
