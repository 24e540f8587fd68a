using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// The evidence page drafts Stripe's fields from what the shop recorded (a real download's time, address and browser, the
/// licence stamped into the copy, the refund policy page), refuses text over Stripe's limits, and sends the edited evidence
/// to the emulator as a draft and then as the final answer, which neither the shop nor Stripe lets happen twice.
/// </summary>
public sealed class DisputeEvidenceTests
{
    private const string Browser = "EvidenceReader/4.2 (dispute test)";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EvidenceIsDraftedFromTheRecordsEditedSubmittedOnceAndShownOnTheTimeline(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using (var recipe = new TempFolder())
        {
            var pages = new JsonObject
            {
                ["name"] = "test",
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["name"] = "pages",
                    ["pages"] = new JsonArray(new JsonObject
                    {
                        ["slug"] = "refund-policy", ["title"] = "Refund policy", ["published"] = true, ["order"] = 3,
                        ["body"] = "Refunds within 14 days if the file was not downloaded.",
                    }),
                }),
            };
            await File.WriteAllTextAsync(recipe.File("pages.json"), pages.ToJsonString());
            await shop.App.ImportAsync(recipe.File("pages.json"));
        }

        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("eve@example.com", "Eve Evidence")).Page));
        using (var client = shop.App.CreateHttpClient())
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        }

        // The gate settles the attempt just after the last byte.
        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().AnyAsync(a => a.Outcome == "Delivered")),
            "The copy's attempt being settled", seconds: 10);
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());
        var licence = await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.LicenseCode).SingleAsync());
        var disputeId = await DisputeNoticeTests.OpenDisputeAsync(shop, intent);

        using var admin = await AdminSession.SignInAsync(shop.App);
        var orderPage = await admin.GetStringAsync($"/admin/orders/{number}");
        var evidencePath = $"/admin/orders/{number}/disputes/{disputeId}/evidence";
        Assert.Contains($"href=\"{evidencePath}\"", orderPage);
        var draft = WebUtility.HtmlDecode(await admin.GetStringAsync(evidencePath));
        foreach (var expected in new[] { "Eve Evidence", "eve@example.com", "All about **Field Guide**", licence, Browser, "127.0.0.1", "Delivered",
                     "Refunds within 14 days if the file was not downloaded.", "<label for=\"evidence-access-activity-log\">" })
        {
            Assert.Contains(expected, draft);
        }

        var attempt = await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().OrderBy(a => a.At).FirstAsync());
        Assert.Contains($"{attempt.At:yyyy-MM-dd HH:mm:ss} UTC — {attempt.Outcome} — address 127.0.0.1 — browser {Browser}", draft);

        var tooLong = await AdminForms.PostAsync(admin, evidencePath, evidencePath,
            ("fields[customer_name]", new string('x', 5001)), ("send", "draft"));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Customer name is 5,001 characters long; Stripe accepts at most 5,000.", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal("needs_response", (await DisputeAsync(shop, disputeId)).GetProperty("status").GetString());

        var log = $"{attempt.At:yyyy-MM-dd HH:mm:ss} UTC — {attempt.Outcome} — address 127.0.0.1 — browser {Browser}";
        var saved = await AdminForms.PostAndFollowAsync(admin, evidencePath, evidencePath,
            ("fields[customer_name]", "Eve E. Evidence"), ("fields[access_activity_log]", log), ("fields[uncategorized_text]", $"Licence {licence}"), ("send", "draft"));
        Assert.Contains("saved with Stripe as a draft", saved);
        var staged = await DisputeAsync(shop, disputeId);
        Assert.Equal(("needs_response", "Eve E. Evidence"), (staged.GetProperty("status").GetString(), staged.GetProperty("evidence").GetProperty("customer_name").GetString()));

        var submitted = await AdminForms.PostAndFollowAsync(admin, evidencePath, evidencePath,
            ("fields[customer_name]", "Eve E. Evidence"), ("fields[access_activity_log]", log), ("fields[uncategorized_text]", $"Licence {licence}"), ("send", "submit"));
        Assert.Contains("submitted to the bank", submitted);
        Assert.Contains("UTC — evidence submitted to the bank", submitted);
        Assert.DoesNotContain($"href=\"{evidencePath}\"", submitted);
        var final = await DisputeAsync(shop, disputeId);
        Assert.Equal("under_review", final.GetProperty("status").GetString());
        Assert.Equal(log, final.GetProperty("evidence").GetProperty("access_activity_log").GetString());
        Assert.Equal($"Licence {licence}", final.GetProperty("evidence").GetProperty("uncategorized_text").GetString());
        Assert.Equal(number.ToString(), final.GetProperty("metadata").GetProperty("order_number").GetString());

        var again = await AdminForms.PostAsync(admin, evidencePath, evidencePath, ("fields[customer_name]", "Someone Else"), ("send", "submit"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already submitted to the bank", await again.Content.ReadAsStringAsync());

        // Had the shop lost its record of the submission, Stripe's own refusal comes back just as clearly.
        await shop.App.WithDbAsync(d => d.Set<OrderDispute>().ExecuteUpdateAsync(s => s.SetProperty(x => x.EvidenceSubmittedAt, (DateTime?)null)));
        var refused = await AdminForms.PostAsync(admin, evidencePath, evidencePath, ("fields[customer_name]", "Someone Else"), ("send", "submit"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Stripe refused the evidence: This dispute&#x27;s evidence has already been submitted", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Eve E. Evidence", (await DisputeAsync(shop, disputeId)).GetProperty("evidence").GetProperty("customer_name").GetString());

        var audited = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(a => a.Action.StartsWith("dispute.evidence")).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        Assert.Equal(["dispute.evidence.saved", "dispute.evidence.submitted"], audited);
        Assert.Empty(shop.App.Logs.Errors);
    }

    [Fact]
    public async Task TheEvidencePageIsForOrderManagersOnlyAndUnknownDisputesAreNotFound()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("ned@example.com", "Ned");
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());
        var disputeId = await DisputeNoticeTests.OpenDisputeAsync(shop, intent);

        using var anonymous = shop.App.CreateHttpClient();
        var signIn = await anonymous.GetAsync($"/admin/orders/{number}/disputes/{disputeId}/evidence");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/admin/account/sign-in", signIn.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        using var admin = await AdminSession.SignInAsync(shop.App);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/{number}/disputes/dp_unknown/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/99999/disputes/{disputeId}/evidence")).StatusCode);
        Assert.Empty(shop.App.Logs.Errors);
    }

    private static async Task<JsonElement> DisputeAsync(ShopWithStripe shop, string id)
    {
        using var client = new HttpClient { BaseAddress = shop.Stripe.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestStripe.SecretKey);
        return JsonDocument.Parse(await client.GetStringAsync($"v1/disputes/{id}")).RootElement;
    }
}
