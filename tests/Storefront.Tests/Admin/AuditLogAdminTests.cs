using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>The audit log in the admin: every admin action, newest first, fifty to a page.</summary>
public sealed partial class AuditLogAdminTests
{
    [Fact]
    public async Task AnAdministratorPagesBackThroughTheAuditLog()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminSession.SignInAsync(app);
        // Item 1 was done first and 60 last, a minute apart, all before the shop's own entries (such as the admin's creation).
        var start = DateTime.UtcNow.AddDays(-1);
        await app.WithDbAsync(d =>
        {
            for (var item = 1; item <= 60; item++)
            {
                d.Add(new AuditEntry { At = start.AddMinutes(item), UserName = "ada@example.com", Action = "item.changed", Target = $"paged item {item}" });
            }

            return d.SaveChangesAsync();
        });
        var newer = await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action != "item.changed"));

        await AdminPaging.AssertTwoPagesAsync(admin, "/admin/audit", "", Listed, AdminPaging.Newest(60, 11 + newer), AdminPaging.Newest(10 + newer, 1));
        app.Logs.AssertNoErrors();
    }

    private static List<long> Listed(string page) => Item().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<td>paged item (\\d+)</td>")]
    private static partial Regex Item();
}
