using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Tests.Users;

/// <summary>What the database holds about a user, read through the app's own user manager.</summary>
internal static class StoredUsers
{
    public static Task<Guid> IdOfAsync(StorefrontApp app, string email) => WithUserAsync(app, email, (_, user) => Task.FromResult(user.Id));

    /// <summary>Whether the tests' own clients, which connect from 127.0.0.1, are refused for this account.</summary>
    public static Task<bool> IsLockedOutAsync(StorefrontApp app, string email) => IsRefusedFromAsync(app, email, "127.0.0.1");

    /// <summary>Whether sign-in for <paramref name="email"/> (with or without an account) is refused from <paramref name="client"/>.</summary>
    public static async Task<bool> IsRefusedFromAsync(StorefrontApp app, string email, string client)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var normalized = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>().NormalizeEmail(email);
        return await scope.ServiceProvider.GetRequiredService<SignInLockout>().IsLockedAsync(normalized, client, CancellationToken.None);
    }

    /// <summary>Whether the account as a whole is locked, from every address.</summary>
    public static Task<bool> IsAccountLockedOutAsync(StorefrontApp app, string email) => WithUserAsync(app, email, (users, user) => users.IsLockedOutAsync(user));

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
