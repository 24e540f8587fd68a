using Storefront.Admin;
using Storefront.Catalog;
using Storefront.Core;
using Storefront.Downloads;
using Storefront.Email;
using Storefront.Library;
using Storefront.Licensing;
using Storefront.Payments;
using Storefront.Templates;
using Storefront.Media;
using Storefront.Themes.Admin;
using Storefront.Themes.Journal;
using Storefront.Themes.Storefront;
using Storefront.Users;

namespace Storefront.Host;

/// <summary>
/// Every module and theme this host is built with, listed explicitly. Any of them can be switched
/// off with <c>Modules__{Name}__Enabled=false</c>; start is refused if a dependency is off.
/// </summary>
public static class StorefrontModules
{
    public static readonly Type[] All =
    [
        typeof(CoreStartup),
        typeof(MediaStartup),
        typeof(CatalogStartup),
        typeof(EmailStartup),
        typeof(DownloadsStartup),
        typeof(PaymentsStartup),
        typeof(LibraryStartup),
        typeof(LicensingStartup),
        typeof(TemplatesStartup),
        typeof(AdminStartup),
        typeof(ThemeStartup),
        typeof(JournalThemeStartup),
        typeof(AdminThemeStartup),
        typeof(UsersStartup),
    ];
}
