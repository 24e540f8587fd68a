using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Models;

namespace Storefront.Tests.Users;

/// <summary>What the database holds about a user, read through the app's own user manager.</summary>
internal static class StoredUsers
{
    public static Task<Guid> IdOfAsync(StorefrontApp app, string email) => WithUserAsync(app, email, (_, user) => Task.FromResult(user.Id));

    public static Task<bool> IsLockedOutAsync(StorefrontApp app, string email) => WithUserAsync(app, email, (users, user) => users.IsLockedOutAsync(user));

    public static Task<int> FailedAttemptsAsync(StorefrontApp app, string email) => WithUserAsync(app, email, (users, user) => users.GetAccessFailedCountAsync(user));

    private static async Task<T> WithUserAsync<T>(StorefrontApp app, string email, Func<UserManager<StorefrontUser>, StorefrontUser, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return await read(users, user);
    }
}
