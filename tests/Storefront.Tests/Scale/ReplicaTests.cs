using System.Net;
using System.Text;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Storefront.Tests.Scale;

/// <summary>
/// Three published-binary replicas behind nginx on one PostgreSQL and one s3rver: what a buyer, Stripe and an admin see
/// when any request may land on any instance, and when instances die mid-request.
/// </summary>
public sealed class ReplicaTests(ReplicaCluster cluster, ITestOutputHelper output) : IClassFixture<ReplicaCluster>
{
    private Uri Proxy => cluster.Proxy.Address;

    [Fact]
    public async Task ThirtySimultaneousDownloadsOfAThreeUseLinkThroughTheProxyGiveExactlyThreeStampedCopies()
    {
        await cluster.RestartStoppedAsync();
        var link = await BuyLinkAsync("thirty@example.com", "Thirty Copies", "field-guide");
        var logged = cluster.Proxy.AccessLog().Count;
        using var http = new HttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => GetAsync(http, link)));

        var copies = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        var refusals = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(3, copies.Count);
        Assert.Equal(27, refusals.Count);
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.Status);
            Assert.Contains("This download link has been used up", Encoding.UTF8.GetString(r.Body));
        });
        foreach (var copy in copies)
        {
            var pages = await PdfTools.PageTextsAsync(copy.Body);
            Assert.Equal(4, pages.Count);
            Assert.All(pages, page => Assert.Contains("Thirty Copies", page));
        }

        Assert.Equal(3, Upstreams(cluster.Proxy.AccessLog().Skip(logged), "GET /download/").Count);
        cluster.AssertNoErrorsLogged();
    }

    [Fact]
    public async Task TenSimultaneousReplaysOfOneEventSpreadOverTheReplicasFulfilOnceWithOneReceipt()
    {
        await cluster.RestartStoppedAsync();
        // Stripe records the payment's event without delivering it, so that the replays below are its only deliveries.
        var webhook = cluster.Stripe.Options.WebhookUrl;
        cluster.Stripe.Options.WebhookUrl = null;
        Purchase purchase;
        try
        {
            purchase = await ShopWithStripe.BuyAt(Proxy, "replay@example.com", "Replay Buyer", openSuccessPage: false);
        }
        finally
        {
            cluster.Stripe.Options.WebhookUrl = webhook;
        }

        var evt = cluster.Stripe.State.Events.Single(e => e.Type == "checkout.session.completed" && Encoding.UTF8.GetString(e.Body).Contains(purchase.SessionId));
        var json = Encoding.UTF8.GetString(evt.Body);
        var logged = cluster.Proxy.AccessLog().Count;
        using var http = new HttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Proxy, "/webhooks/stripe")) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", ShopWithStripe.Sign(json));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.True((int)status is >= 200 and < 300, $"A replay was answered {(int)status}."));
        Assert.Equal(3, Upstreams(cluster.Proxy.AccessLog().Skip(logged), "POST /webhooks/stripe ").Count);
        var number = await AssertFulfilledOnceAsync(purchase.SessionId);
        await AssertOneReceiptAsync(number);
        cluster.AssertNoErrorsLogged();
    }

    [Fact]
    public async Task ReplicasKilledMidWebhookAndMidDownloadLoseNoSaleAndNoUse()
    {
        await cluster.RestartStoppedAsync();
        var webhookVictim = cluster.Replicas[1];
        var downloadVictim = cluster.Replicas[2];

        // A buyer's copy of the large album is on its way from one replica when that replica dies.
        var album = await BuyLinkAsync("album@example.com", "Album Buyer", "album");
        using (var reader = await RawDownload.StartAsync(downloadVictim.Address, album))
        {
            await reader.ReadAtLeastAsync(64 << 10);
            Assert.StartsWith("HTTP/1.1 200", reader.Head);
            downloadVictim.Kill();
        }

        // Purchases keep coming, four at a time; another replica dies as soon as it has taken a delivery, with more on their way.
        var logged = cluster.Proxy.AccessLog().Count;
        using var killer = new CancellationTokenSource();
        var killed = KillOnFirstWebhookAsync(webhookVictim, killer.Token);
        using var gate = new SemaphoreSlim(4);
        var purchases = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await BuyThroughFailuresAsync($"burst{i}@example.com", $"Burst Buyer {i}");
            }
            finally
            {
                gate.Release();
            }
        }));
        await killer.CancelAsync();
        Assert.True(await killed, $"{webhookVictim.Name} took no webhook delivery during the purchases.");

        var webhookLines = cluster.Proxy.AccessLog().Skip(logged).Where(l => l.StartsWith("POST /webhooks/stripe ", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{webhookLines.Count} deliveries; passed on to another replica by the proxy: {webhookLines.Count(l => l.Contains(", ", StringComparison.Ordinal))}");
        var receipts = new Dictionary<long, int>();
        foreach (var purchase in purchases)
        {
            await Eventually.HoldsAsync(async () => await cluster.QueryAsync<long>(
                "SELECT COUNT(*) FROM orders WHERE checkout_session_id = @s AND fulfilled_at IS NOT NULL", ("s", purchase.SessionId)) == 1,
                $"The paid session {purchase.SessionId} being fulfilled", seconds: 30);
            var number = await AssertFulfilledOnceAsync(purchase.SessionId);
            receipts[number] = await ReceiptsAsync(number);
        }

        // Every receipt arrives. The one the killed replica may have had at the SMTP server when it died can arrive a second
        // time under the same Message-ID (sent, but not yet marked sent: README, "Several instances"); no other is repeated.
        Assert.All(receipts, r => Assert.InRange(r.Value, 1, 2));
        Assert.True(receipts.Count(r => r.Value > 1) <= 1, "Receipts repeated: " + string.Join(", ", receipts.Where(r => r.Value > 1).Select(r => r.Key)));

        // As if the longest a copy may take had passed since the replica died; the restarted replica settles the attempt.
        await cluster.QueryAsync<long>("WITH aged AS (UPDATE download_attempts SET at = at - interval '1 day' WHERE outcome = 'Started' RETURNING 1) SELECT COUNT(*) FROM aged");
        await cluster.RestartStoppedAsync();
        await Eventually.HoldsAsync(async () => await cluster.QueryAsync<long>("SELECT COUNT(*) FROM download_attempts WHERE outcome = 'Started'") == 0,
            "The restarted replica settling the attempt its previous life left started", seconds: 30);

        // The cut-off copy's use came back: the link still gives all three copies, and no fourth.
        using var http = new HttpClient();
        for (var copy = 0; copy < 3; copy++)
        {
            var answer = await GetAsync(http, album);
            Assert.True(answer.Status == HttpStatusCode.OK, $"Copy {copy + 1} after the crash was answered {(int)answer.Status}: {Encoding.UTF8.GetString(answer.Body)}");
            Assert.All(await PdfTools.PageTextsAsync(answer.Body), page => Assert.Contains("Album Buyer", page));
        }

        Assert.Contains("This download link has been used up", Encoding.UTF8.GetString((await GetAsync(http, album)).Body));
        cluster.AssertNoErrorsLogged();
    }

    [Fact]
    public async Task TheReconciliationSweepRunsOnOneReplicaAtATime()
    {
        await cluster.RestartStoppedAsync();
        var live = cluster.Replicas.Select(r => r.ProcessId).ToHashSet();
        // A replica killed by another test may still hold a lease that has not run out yet.
        await Eventually.HoldsAsync(async () => live.Contains(HolderProcess(await LeaseAsync())), "A live replica holding the sweep's lease", seconds: 20);

        var seen = new List<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10); // five intervals
        while (DateTime.UtcNow < until)
        {
            seen.Add(await LeaseAsync());
            await Task.Delay(300);
        }

        var holders = seen.Select(s => s.Split('|')[0]).Distinct().ToList();
        Assert.True(holders.Count == 1, "The lease changed hands while its holder lived:\n" + string.Join("\n", seen));
        // The holder renews the lease at the start of each round: one renewal per interval shows the rounds ran.
        Assert.True(seen.Select(s => s.Split('|')[1]).Distinct().Count() >= 3, "The sweep did not run every interval:\n" + string.Join("\n", seen));
        Assert.All(cluster.Replicas, r => Assert.DoesNotContain(r.LogLines(), l => l.Contains("Reconciling with Stripe failed", StringComparison.Ordinal)));
        cluster.AssertNoErrorsLogged();
    }

    [Fact]
    public async Task AnAdminSignedInThroughTheProxyIsSignedInOnEveryReplica()
    {
        await cluster.RestartStoppedAsync();
        var jar = await SignInThroughProxyAsync();

        foreach (var replica in cluster.Replicas)
        {
            using var anonymous = new CookieJar().Client(replica.Address);
            using var refused = await anonymous.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/admin/account/sign-in", refused.Headers.Location?.OriginalString);

            using var direct = jar.Client(replica.Address);
            using var signedIn = await direct.GetAsync("/admin");
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{replica.Name} answered the admin's cookie with {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
            Assert.Contains(ReplicaCluster.AdminEmail, await signedIn.Content.ReadAsStringAsync());
        }

        output.WriteLine($"Data Protection keys in the database: {await cluster.QueryAsync<long>("SELECT COUNT(*) FROM data_protection_keys")}");

        cluster.AssertNoErrorsLogged();
    }

    [Fact]
    public async Task ASettingSavedInTheAdminIsInForceOnEveryReplicaWithinSeconds()
    {
        await cluster.RestartStoppedAsync();
        using var admin = (await SignInThroughProxyAsync()).Client(Proxy);
        var name = "Guides " + Guid.NewGuid().ToString("N")[..8];

        using var saved = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings", ("Form.SiteName", name), ("Form.Theme", "Storefront"));
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Saving answered {(int)saved.StatusCode}.");

        var took = await Task.WhenAll(cluster.Replicas.Select(replica => Eventually.HoldsAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = replica.Address };
            return (await http.GetStringAsync("/")).Contains(name, StringComparison.Ordinal);
        }, $"{replica.Name} showing the new shop name", seconds: 10)));
        output.WriteLine("In force on each replica after: " + string.Join(", ", took.Select(t => $"{t.TotalSeconds:0.0} s")));
        cluster.AssertNoErrorsLogged();
    }

    private async Task<string> BuyLinkAsync(string email, string name, string slug)
    {
        var purchase = await ShopWithStripe.BuyAt(Proxy, email, name, slug: slug);
        var link = Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        Assert.StartsWith(Proxy.ToString(), link);
        return link;
    }

    /// <summary>
    /// A buyer whose Buy click died with its replica (the proxy answers 502 and does not repeat a POST) clicks again; one
    /// whose page broke off part-way because its replica died while sending it (the proxy had already passed its start on)
    /// starts again from the product page.
    /// </summary>
    private async Task<Purchase> BuyThroughFailuresAsync(string email, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ShopWithStripe.BuyAt(Proxy, email, name);
            }
            catch (CheckoutRefusedException refused) when (refused.Status == HttpStatusCode.BadGateway && attempt < 3)
            {
                output.WriteLine($"{email}: Buy answered 502 while a replica died; clicking again.");
            }
            catch (HttpRequestException broken) when (((broken.InnerException as HttpIOException)?.HttpRequestError ?? broken.HttpRequestError)
                is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError && attempt < 3)
            {
                output.WriteLine($"{email}: a page broke off while a replica died ({broken.Message}); starting again.");
            }
        }
    }

    /// <summary>Kills the replica the moment its log shows a finished webhook delivery; true if it did.</summary>
    private static async Task<bool> KillOnFirstWebhookAsync(PublishedShop victim, CancellationToken stop)
    {
        var before = victim.LogLines().Count(IsWebhookLine);
        while (!stop.IsCancellationRequested)
        {
            if (victim.LogLines().Count(IsWebhookLine) > before)
            {
                victim.Kill();
                return true;
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return false;

        static bool IsWebhookLine(string line) => line.Contains("HTTP POST /webhooks/stripe", StringComparison.Ordinal);
    }

    /// <summary>One fulfilled order for the session and one entitlement for it; returns the order number.</summary>
    private async Task<long> AssertFulfilledOnceAsync(string sessionId)
    {
        Assert.Equal(1, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM orders WHERE checkout_session_id = @s AND fulfilled_at IS NOT NULL", ("s", sessionId)));
        var number = await cluster.QueryAsync<long>("SELECT number FROM orders WHERE checkout_session_id = @s", ("s", sessionId));
        Assert.Equal(1, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM entitlements WHERE order_number = @n", ("n", number)));
        return number;
    }

    /// <summary>Waits until nothing queued is left unsent on any replica, then counts the order's receipts at the SMTP server.</summary>
    private async Task AssertOneReceiptAsync(long orderNumber)
    {
        var messageId = ReplicaCluster.ReceiptMessageId(orderNumber);
        var count = await ReceiptsAsync(orderNumber);
        Assert.True(count == 1, $"{count} receipts {messageId} arrived. The replicas logged of it:\n"
            + string.Join("\n", cluster.Replicas.SelectMany(r => r.LogLines().Where(l => l.Contains(messageId[1..^1], StringComparison.Ordinal)).Select(l => $"{r.Name}: {l}"))));
    }

    /// <summary>Waits for the order's receipt and until nothing queued is left unsent on any replica, then counts its copies at the SMTP server.</summary>
    private async Task<int> ReceiptsAsync(long orderNumber)
    {
        var messageId = ReplicaCluster.ReceiptMessageId(orderNumber);
        await cluster.Mail.WaitForMessageAsync(messageId);
        await Eventually.HoldsAsync(async () => await cluster.QueryAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL AND failed_at IS NULL") == 0, "Every replica's outbox sending all it queued", seconds: 30);
        return await cluster.Mail.CountAsync(messageId);
    }

    private async Task<CookieJar> SignInThroughProxyAsync()
    {
        var jar = new CookieJar();
        using var client = jar.Client(Proxy);
        using var response = await AdminSession.SignInAsync(client, ReplicaCluster.AdminEmail, AdminSession.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return jar;
    }

    private Task<string> LeaseAsync() =>
        cluster.QueryAsync<string>("SELECT holder || '|' || expires_at::text FROM sweeper_leases WHERE name = 'payments.reconciliation' UNION ALL SELECT '' LIMIT 1");

    /// <summary>The process id in a lease holder "machine/pid/guid"; 0 for none.</summary>
    private static int HolderProcess(string lease) => lease.Split('|')[0].Split('/') is [_, var pid, _] && int.TryParse(pid, out var id) ? id : 0;

    private static async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(HttpClient http, string link)
    {
        using var response = await http.GetAsync(link);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The replicas that answered the matching requests, from the proxy's access log.</summary>
    private static HashSet<string> Upstreams(IEnumerable<string> accessLog, string prefix) =>
        accessLog.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => l.Split(" upstream=")[1].Split(' ')[0].Split(", ")[^1]).ToHashSet();
}
