using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;

namespace Storefront.Tests.Modules;

public sealed class ModuleBoundaryTests
{
    [Fact]
    public void NoModuleNamesAnotherModulesEntityTypeOrTable()
    {
        var checker = ModuleModels.Checker();

        var crossings = ModuleModels.All.SelectMany(m => checker.Check(m.Name, m.Assembly.Location)).ToList();

        Assert.True(crossings.Count == 0, "Modules reach into each other's data:\n" + string.Join('\n', crossings));
    }

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
