using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Security;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

public enum AccountOutcome
{
    Created,
    Invalid,
    AlreadyExists,
}

public sealed record AccountResult(AccountOutcome Outcome, IReadOnlyList<string> Errors, StorefrontUser? User = null)
{
    public bool Succeeded => Outcome == AccountOutcome.Created;
}

public sealed record UserSummary(Guid Id, string Email, string Role, bool TwoFactorEnabled, bool LockedOut, bool HasPassword, DateTime CreatedAt);

/// <summary>Creating, listing, re-roling and removing admin users, with the rules that keep an administrator in charge.</summary>
public sealed class UserAccounts(UserManager<StorefrontUser> users, StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => db.Set<StorefrontUser>().AnyAsync(cancellationToken);

    /// <summary>Creates a user in one role. Without a password the user sets one through an emailed link.</summary>
    public async Task<AccountResult> CreateAsync(string? email, string? password, string role, bool onlyIfEmpty = false)
    {
        email = email?.Trim() ?? "";
        var errors = new List<string>();
        if (!IsEmail(email))
        {
            errors.Add("Enter a valid email address, like name@example.com.");
        }

        if (!AdminRoles.All.Contains(role))
        {
            errors.Add($"Choose a role: {string.Join(" or ", AdminRoles.All)}.");
        }

        var user = new StorefrontUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (password is not null)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, password);
                errors.AddRange(check.Errors.Select(e => e.Description));
            }

            if (password.Length > 0 && string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("The password must not be the email address.");
            }
        }

        if (errors.Count > 0)
        {
            return new(AccountOutcome.Invalid, errors.Distinct().ToList());
        }

        // One process creates at a time, so two first-run setups cannot both find the site empty.
        await CreateLock.WaitAsync();
        try
        {
            if (onlyIfEmpty && await AnyAsync())
            {
                return new(AccountOutcome.AlreadyExists, ["The site already has users: sign in instead."]);
            }

            if (await users.FindByEmailAsync(email) is not null)
            {
                return new(AccountOutcome.AlreadyExists, [$"A user with the email {email} already exists."]);
            }

            var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                var duplicate = created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail");
                return new(duplicate ? AccountOutcome.AlreadyExists : AccountOutcome.Invalid, created.Errors.Select(e => e.Description).ToList());
            }

            var inRole = await users.AddToRoleAsync(user, role);
            if (!inRole.Succeeded)
            {
                await users.DeleteAsync(user);
                return new(AccountOutcome.Invalid, inRole.Errors.Select(e => e.Description).ToList());
            }

            await AuditAsync(password is null ? "user.invited" : "user.created", email, role);
            return new(AccountOutcome.Created, [], user);
        }
        finally
        {
            CreateLock.Release();
        }
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var roles = await (from userRole in db.Set<IdentityUserRole<Guid>>()
                           join role in db.Set<StorefrontRole>() on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var all = await db.Set<StorefrontUser>().AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return all.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? "", roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "(none)",
                u.TwoFactorEnabled, u.LockoutEnd > now, u.PasswordHash is not null, u.CreatedAt))
            .ToList();
    }

    /// <summary>Moves a user to another role; refused when it would leave no administrator.</summary>
    public async Task<string?> ChangeRoleAsync(Guid id, string role)
    {
        if (!AdminRoles.All.Contains(role))
        {
            return $"Choose a role: {string.Join(" or ", AdminRoles.All)}.";
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return "That user no longer exists.";
        }

        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role]))
        {
            return null;
        }

        if (current.Contains(AdminRoles.Administrator) && role != AdminRoles.Administrator && await IsLastAdministratorAsync(user))
        {
            return "The shop needs at least one administrator: make someone else an administrator first.";
        }

        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        // Signs the user's existing sessions out within the validation interval, so the new role applies.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync("user.role.changed", user.Email, $"{string.Join(", ", current.DefaultIfEmpty("(none)"))} → {role}");
        return null;
    }

    public async Task<string?> RemoveAsync(Guid id, Guid currentUserId)
    {
        if (id == currentUserId)
        {
            return "You cannot remove yourself. Ask another administrator.";
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        if (await users.IsInRoleAsync(user, AdminRoles.Administrator) && await IsLastAdministratorAsync(user))
        {
            return "The shop needs at least one administrator.";
        }

        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            return string.Join(" ", deleted.Errors.Select(e => e.Description));
        }

        await AuditAsync("user.removed", user.Email, null);
        return null;
    }

    /// <summary>Identity has saved the change itself; the entry follows it, so a refused change leaves none.</summary>
    private async Task AuditAsync(string action, string? email, string? details)
    {
        audit.Record(action, "user " + email, details);
        await db.SaveChangesAsync();
    }

    private async Task<bool> IsLastAdministratorAsync(StorefrontUser user) =>
        (await users.GetUsersInRoleAsync(AdminRoles.Administrator)).All(u => u.Id == user.Id);

    public static bool IsEmail(string email) =>
        email.Length is > 2 and <= 256 && email == email.Trim() && EmailAddressSyntax.IsPlainAddress(email) && email.Contains('.', StringComparison.Ordinal);
}
