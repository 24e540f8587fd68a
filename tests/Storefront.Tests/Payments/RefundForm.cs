using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The order page's refund form as a browser submits it: its antiforgery token and one-time value, then the fields.</summary>
public static partial class RefundForm
{
    public sealed record Filled(string Page, string Token, string Attempt);

    public static async Task<Filled> OpenAsync(HttpClient admin, long orderNumber)
    {
        var page = await admin.GetStringAsync($"/admin/orders/{orderNumber}");
        var attempt = Attempt().Match(page);
        Assert.True(attempt.Success, "The order page has no refund form.");
        return new Filled(page, Token().Match(page).Groups[1].Value, attempt.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient admin, long orderNumber, Filled form, string amount,
        string reason = "requested_by_customer", string? note = null, bool alsoRevoke = false)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.Token), new("attempt", form.Attempt), new("amount", amount), new("reason", reason),
            new("note", note ?? ""),
        };
        if (alsoRevoke)
        {
            fields.Add(new("alsoRevoke", "true"));
        }

        return admin.PostAsync($"/admin/orders/{orderNumber}?handler=Refund", new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens the page, submits the form and returns the page the redirect lands on, with its flash message.</summary>
    public static async Task<string> RefundAsync(HttpClient admin, long orderNumber, string amount, string reason = "requested_by_customer",
        string? note = null, bool alsoRevoke = false)
    {
        var response = await PostAsync(admin, orderNumber, await OpenAsync(admin, orderNumber), amount, reason, note, alsoRevoke);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await admin.GetStringAsync(response.Headers.Location);
    }

    /// <summary>The flash message of a page, decoded.</summary>
    public static string Flash(string page) => WebUtility.HtmlDecode(FlashText().Match(page).Groups[1].Value);

    public static Task<long> OrderNumberAsync(ShopWithStripe shop) => shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Number).SingleAsync());

    /// <summary>The refund emails the pickup folder holds, decoded (one file per Message-ID).</summary>
    public static IReadOnlyList<string> RefundEmails(ShopWithStripe shop) =>
        Directory.GetFiles(shop.App.Folder.File("mail"), "refund.*.eml").Select(f => Eml.Text(File.ReadAllText(f))).ToList();

    public static Task<int> RefundMessagesQueuedAsync(ShopWithStripe shop) =>
        shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.refund"));

    [GeneratedRegex("name=\"attempt\" value=\"([^\"]+)\"")]
    private static partial Regex Attempt();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<p class=\"alert[^\"]*\" role=\"(?:alert|status)\">([^<]*)</p>")]
    private static partial Regex FlashText();
}
