using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Users.Models;
using Storefront.Users.Security;

namespace Storefront.Users.Services;

public static class IdentityServiceCollectionExtensions
{
    public const string CookieName = "storefront.admin";

    public static IServiceCollection AddStorefrontIdentity(this IServiceCollection services, ModuleContext context)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StorefrontUser>(options =>
            {
                PasswordRules.Apply(options.Password);
                options.User.RequireUniqueEmail = true;
                options.Lockout.DefaultLockoutTimeSpan = AccountLockoutOptions.Period;
                options.Lockout.AllowedForNewUsers = true;
                // Admins are created by an administrator or the operator, who vouch for the address.
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<StorefrontRole>()
            .AddEntityFrameworkStores<StorefrontDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<AccountLockoutOptions>().Bind(context.Configuration.GetSection(AccountLockoutOptions.Section))
            .Validate(o => o.IsValid, "Accounts:LockoutAttemptsPerAddress and Accounts:LockoutAttemptsPerAccount (env Accounts__LockoutAttemptsPerAddress, …) must be positive.")
            .ValidateOnStart();
        // Identity's own lockout is per account and never forgets a failure, so it is only the backstop against
        // guessing spread over many addresses; SignInLockout refuses a single address long before it is reached.
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountLockoutOptions>>(
            (options, lockout) => options.Lockout.MaxFailedAccessAttempts = lockout.Value.LockoutAttemptsPerAccount);
        services.AddScoped<SignInLockout>();

        // The remembered-device cookie is checked against the stamp on every use too, not every half hour.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // Reset and invitation links stay valid for a day: long enough for an invitation to be read.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(AccountEmails.LinkHours));
        var development = context.Environment.IsDevelopment();
        services.ConfigureApplicationCookie(cookie => ConfigureCookie(cookie, development));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie => ConfigureBaseCookie(cookie, development, CookieName + ".2fa"));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie => ConfigureBaseCookie(cookie, development, CookieName + ".2fa-remember"));

        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, PermissionPolicies>();
        services.AddSingleton<PermissionCatalog>();
        services.AddScoped<RolePermissions>();
        services.AddScoped<RolePermissionsEditor>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, bool development)
    {
        ConfigureBaseCookie(cookie, development, CookieName);
        cookie.LoginPath = "/admin/account/sign-in";
        cookie.LogoutPath = "/admin/account/sign-out";
        cookie.AccessDeniedPath = "/admin/account/denied";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.Events.OnValidatePrincipal = SessionStampCheck.ValidateAsync;
    }

    private static void ConfigureBaseCookie(CookieAuthenticationOptions cookie, bool development, string name)
    {
        cookie.Cookie.Name = name;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        // TLS ends at the proxy; forwarded headers make the request HTTPS. Development runs on plain http://localhost.
        cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }
}
