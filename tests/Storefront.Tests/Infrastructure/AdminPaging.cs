using System.Net;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// What every paged admin list promises, read over HTTP as a browser follows its links: the page number travels in the
/// query as <c>p</c> with the list's filters, and a hand-typed number shows the nearest page rather than an error.
/// </summary>
public static partial class AdminPaging
{
    /// <summary>
    /// Page 1 of <paramref name="list"/> (with <paramref name="filters"/>, a query as the page writes it) lists <paramref name="first"/>;
    /// its "Older" link is <c>p=2</c> with the filters kept and, followed, lists <paramref name="second"/>, the last page.
    /// Typing <c>p=2</c> does the same, and numbers that are no page show page 1 or the last.
    /// </summary>
    public static async Task AssertTwoPagesAsync(
        HttpClient admin, string list, string filters, Func<string, IEnumerable<long>> listed, IEnumerable<long> first, IEnumerable<long> second)
    {
        var prefix = list + "?" + (filters.Length == 0 ? "" : filters + "&");
        var page1 = await admin.GetStringAsync(filters.Length == 0 ? list : list + "?" + filters);
        Assert.Equal(first, listed(page1));
        Assert.Contains("Page 1 of 2", page1);
        Assert.Null(Link(page1, "prev"));
        var older = Link(page1, "next");
        Assert.Equal(prefix + "p=2", older);

        var page2 = await admin.GetStringAsync(older!);
        Assert.Equal(second, listed(page2));
        Assert.Contains("Page 2 of 2", page2);
        Assert.Equal(prefix + "p=1", Link(page2, "prev"));
        Assert.Null(Link(page2, "next"));
        Assert.Equal(second, listed(await admin.GetStringAsync(prefix + "p=2")));
        Assert.Equal(second, listed(await admin.GetStringAsync(prefix + "p=99")));
        foreach (var typed in new[] { "0", "-3", "abc", "99999999999", "" })
        {
            using var response = await admin.GetAsync(prefix + "p=" + typed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(first, listed(await response.Content.ReadAsStringAsync()));
        }
    }

    /// <summary>
    /// Sixty rows numbered 1001 (the oldest) to 1060, a minute apart, made by <paramref name="row"/> from a number and its time
    /// and stored directly: <paramref name="list"/> shows them twenty-five to a page, newest first, and <paramref name="filters"/>,
    /// which keep the even ones only, stay on every page (see <see cref="AssertTwoPagesAsync"/>).
    /// </summary>
    public static async Task AssertFilteredPagesAsync(
        StorefrontApp app, string list, string filters, Func<int, DateTime, object> row, Func<string, IEnumerable<long>> listed)
    {
        var start = DateTime.UtcNow.AddDays(-1);
        await app.WithDbAsync(d =>
        {
            d.AddRange(Enumerable.Range(1001, 60).Select(number => row(number, start.AddMinutes(number - 1000))));
            return d.SaveChangesAsync();
        });
        using var admin = await AdminSession.SignInAsync(app);

        Assert.Equal(Newest(1035, 1011), listed(await admin.GetStringAsync(list + "?p=2")));
        await AssertTwoPagesAsync(admin, list, filters, listed, Newest(1060, 1012, step: 2), Newest(1010, 1002, step: 2));
    }

    /// <summary>The numbers from <paramref name="newest"/> down to <paramref name="oldest"/>, every <paramref name="step"/>: a newest-first list's rows.</summary>
    public static List<long> Newest(long newest, long oldest, int step = 1) =>
        [.. Enumerable.Range(0, (int)((newest - oldest) / step) + 1).Select(i => newest - (i * step))];

    /// <summary>The address of the pagination's <c>rel</c> link ("prev" or "next"), as a browser reads it; null when there is none.</summary>
    public static string? Link(string html, string rel) =>
        PageLink().Matches(html).Where(m => m.Groups[2].Value == rel).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).SingleOrDefault();

    [GeneratedRegex("<a href=\"([^\"]*)\" rel=\"(prev|next)\">")]
    private static partial Regex PageLink();
}
