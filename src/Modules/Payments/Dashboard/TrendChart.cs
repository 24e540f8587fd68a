using System.Globalization;
using System.Net;
using System.Text;

namespace Storefront.Payments.Dashboard;

/// <summary>
/// The daily trend as inline SVG, drawn on the server so the dashboard needs no script. Colours come from
/// classes in the admin theme (so dark mode applies); geometry is in attributes, since the CSP forbids inline styles.
/// </summary>
public static class TrendChart
{
    private const int Width = 600;
    private const int Height = 160;
    private const int Bar = Width / DashboardFigures.Days;

    public static string Render(IReadOnlyList<DayFigures> days)
    {
        var max = Math.Max(1, days.Max(d => Math.Max(d.Orders, d.Downloads)));
        var totalOrders = days.Sum(d => d.Orders);
        var totalDownloads = days.Sum(d => d.Downloads);
        var label = string.Create(CultureInfo.InvariantCulture,
            $"Orders and downloads per day from {days[0].Day:d MMM} to {days[^1].Day:d MMM}: {totalOrders} orders, {totalDownloads} downloads; busiest day {Busiest(days)}.");
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"trend-chart\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" viewBox=\"0 0 {Width} {Height + 20}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(label)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"trend-chart__axis\" x1=\"0\" y1=\"{Height}\" x2=\"{Width}\" y2=\"{Height}\" stroke=\"currentColor\" />");
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = i * Bar;
            var orders = day.Orders * (Height - 10) / max;
            var downloads = day.Downloads * (Height - 10) / max;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"trend-chart__orders\" x=\"{x + 2}\" y=\"{Height - orders}\" width=\"{(Bar / 2) - 2}\" height=\"{orders}\" fill=\"currentColor\"><title>{day.Day:d MMM}: {day.Orders} orders</title></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"trend-chart__downloads\" x=\"{x + (Bar / 2)}\" y=\"{Height - downloads}\" width=\"{(Bar / 2) - 2}\" height=\"{downloads}\" fill=\"currentColor\" opacity=\"0.5\"><title>{day.Day:d MMM}: {day.Downloads} downloads</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"trend-chart__label\" x=\"0\" y=\"{Height + 16}\" font-size=\"12\" fill=\"currentColor\">{days[0].Day:d MMM}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"trend-chart__label\" x=\"{Width}\" y=\"{Height + 16}\" font-size=\"12\" text-anchor=\"end\" fill=\"currentColor\">{days[^1].Day:d MMM}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Busiest(IReadOnlyList<DayFigures> days)
    {
        var busiest = days.OrderByDescending(d => d.Orders).ThenByDescending(d => d.Day).First();
        return busiest.Orders == 0 ? "none yet" : string.Create(CultureInfo.InvariantCulture, $"{busiest.Day:d MMM} with {busiest.Orders} orders");
    }
}
