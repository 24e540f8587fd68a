using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

public sealed class StatelessHostTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task DataProtectedByOneInstanceIsReadableByAnotherSharingTheDatabase(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        await using var first = await StorefrontApp.StartAsync(db, shared, new TempFolder());
        await using var second = await StorefrontApp.StartAsync(db, shared, new TempFolder());

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("order 1042");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.Equal("order 1042", read);
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }
}
