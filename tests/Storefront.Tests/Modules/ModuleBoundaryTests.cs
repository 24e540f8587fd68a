using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;

namespace Storefront.Tests.Modules;

public sealed class ModuleBoundaryTests
{
    /// <summary>
    /// Crossings known to remain, each as (module, owner, where): the content screens that edit Catalog's and Media's
    /// records from the admin module, the recipe export that reads them, and product import adding covers to the
    /// media library. Each disappears when that code lives with the data's owner; an entry that matches nothing any
    /// more fails the test, so this list only shrinks.
    /// </summary>
    private static readonly (string Module, string Owner, string Where)[] Known =
    [
        ("Admin", "Catalog", "Storefront.Admin.Pages.Admin.Products."),
        ("Admin", "Catalog", "Storefront.Admin.Pages.Admin.Pages."),
        ("Admin", "Catalog", "Storefront.Admin.Services."),
        ("Admin", "Catalog", "AspNetCoreGeneratedDocument.Pages_Admin_Products_"),
        ("Admin", "Catalog", "AspNetCoreGeneratedDocument.Pages_Admin_Pages_"),
        ("Admin", "Catalog", "AspNetCoreGeneratedDocument.Pages_Shared__CoverField"),
        ("Admin", "Media", "Storefront.Admin.Pages.Admin.Media."),
        ("Admin", "Media", "Storefront.Admin.Services."),
        ("Admin", "Media", "AspNetCoreGeneratedDocument.Pages_Admin_Media_"),
        ("Admin", "Media", "AspNetCoreGeneratedDocument.Pages_Shared__CopyUrl"),
        ("Operations", "Catalog", "Storefront.Operations.Export."),
        ("Operations", "Media", "Storefront.Operations.Export."),
        ("Catalog", "Media", "Storefront.Catalog.Recipes.ProductsRecipeStep"),
    ];

    [Fact]
    public void NoModuleNamesAnotherModulesEntityTypeOrTable()
    {
        var checker = ModuleModels.Checker();

        var crossings = ModuleModels.All.SelectMany(m => checker.Check(m.Name, m.Assembly.Location)).ToList();

        var unexpected = crossings.Where(c => !Known.Any(k => Matches(k, c))).Select(c => c.ToString()).ToList();
        Assert.True(unexpected.Count == 0, "Modules reach into each other's data:\n" + string.Join('\n', unexpected));
        var gone = Known.Where(k => !crossings.Any(c => Matches(k, c))).Select(k => $"{k.Module} → {k.Owner} in {k.Where}").ToList();
        Assert.True(gone.Count == 0, "These crossings are gone; remove them from the known list:\n" + string.Join('\n', gone));
    }

    private static bool Matches((string Module, string Owner, string Where) known, BoundaryCrossing crossing) =>
        crossing.Module == known.Module && crossing.Owner == known.Owner && crossing.Place.StartsWith(known.Where, StringComparison.Ordinal);

    [Fact]
    public void TheCheckerNamesTheModuleWhatItReachedAndWhereButNotProseThatMentionsATable()
    {
        var checker = ModuleModels.Checker();
        var sample = typeof(BoundaryCrossingSample).FullName!;

        var crossings = checker.Check("Sample", typeof(BoundaryCrossingSample).Assembly.Location)
            .Where(c => c.Place.StartsWith(sample, StringComparison.Ordinal)).Select(c => c.ToString()).ToList();

        Assert.Equal(
        [
            $"Sample uses Payments's table orders in {sample}.CountPaid",
            $"Sample uses Downloads's entity Storefront.Downloads.Entitlements.Entitlement in {sample}.Read",
        ], crossings);
    }
}

/// <summary>Code that crosses two boundaries, one through an entity type and one through SQL, for the checker to find.</summary>
internal static class BoundaryCrossingSample
{
    public static IQueryable<Entitlement> Read(StorefrontDbContext db) => db.Set<Entitlement>();

    public static string CountPaid() => "SELECT count(*) FROM orders WHERE status = 'Paid'";

    public static string Prose() => "Pick from orders of the last month";
}
