using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Tracing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Trace;

/// <summary>A real shop, a real purchase through the Stripe emulator, and the stamped copies the buyer downloaded.</summary>
internal sealed partial class LeakedCopy : IAsyncDisposable
{
    public const string UserAgent = "LeakTrace/1.0 (a buyer browser)";

    private LeakedCopy(ShopWithStripe shop, TempFolder folder) => (Shop, Folder) = (shop, folder);

    public ShopWithStripe Shop { get; }

    public TempFolder Folder { get; }

    public byte[] Copy { get; private set; } = [];

    public static async Task<LeakedCopy> BoughtAsync(Db db = Db.Sqlite, int downloads = 1, IDictionary<string, string?>? overrides = null)
    {
        var leaked = new LeakedCopy(await ShopWithStripe.StartAsync(db, overrides: overrides), new TempFolder());
        leaked.Copy = await leaked.BuyAndDownloadAsync("leaker@example.com", "Lee Leaker", downloads);
        return leaked;
    }

    /// <summary>Buys the field guide as <paramref name="email"/> and downloads it; returns the last copy.</summary>
    public async Task<byte[]> BuyAndDownloadAsync(string email, string name, int downloads = 1)
    {
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await Shop.BuyAsync(email, name)).Page));
        using var client = Shop.App.CreateHttpClient();
        byte[] copy = [];
        for (var i = 0; i < downloads; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, link);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            copy = await response.Content.ReadAsByteArrayAsync();
        }
        await Eventually.HoldsAsync(async () => await Shop.App.WithDbAsync(d => d.Set<DownloadAttempt>()
            .CountAsync(a => a.Outcome == DownloadOutcomes.Delivered && d.Set<Entitlement>().Any(e => e.Id == a.EntitlementId && e.BuyerEmail == email))) == downloads,
            "settling the downloads", seconds: 30);
        return copy;
    }

    public Task<Entitlement> EntitlementOfAsync(string email) =>
        Shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.BuyerEmail == email));

    public async Task<TraceResult> TraceAsync(byte[] file)
    {
        await using var scope = Shop.App.Services.CreateAsyncScope();
        using var content = new MemoryStream(file);
        return await scope.ServiceProvider.GetRequiredService<LeakTracer>().TraceAsync(content, "found.pdf", "in a test", CancellationToken.None);
    }

    /// <summary>Runs a real tool over <paramref name="input"/> the way someone laundering a copy would.</summary>
    public async Task<byte[]> LaunderAsync(string how, byte[] input, byte[]? second = null)
    {
        switch (how)
        {
            case "Chromium Save as PDF":
                return await ChromiumPrint.SaveAsPdfAsync(input);
            case "pdf.js print in Chromium":
                return await ChromiumPrint.PdfJsPrintAsync(input);
        }
        var name = Guid.NewGuid().ToString("N");
        var (inPath, outPath) = (Folder.File(name + ".in.pdf"), Folder.File(name + ".out.pdf"));
        await File.WriteAllBytesAsync(inPath, input);
        var secondPath = Folder.File(name + ".second.pdf");
        if (second is not null)
        {
            await File.WriteAllBytesAsync(secondPath, second);
        }
        (string Program, string[] Arguments) command = how switch
        {
            "qpdf rewrite" => ("qpdf", [inPath, outPath]),
            "qpdf metadata strip" => ("qpdf", ["--empty", "--pages", inPath, "1-z", "--", outPath]),
            "exiftool -all=" => ("exiftool", ["-all=", "-o", outPath, inPath]),
            "one page extracted" => ("qpdf", ["--empty", "--pages", inPath, "2", "--", outPath]),
            "Ghostscript pdfwrite" => ("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-sOutputFile=" + outPath, inPath]),
            "two copies merged" => ("qpdf", ["--empty", "--pages", inPath, "1", secondPath, "2", "--", outPath]),
            "password" => ("qpdf", ["--encrypt", "user-secret", "owner-secret", "256", "--", inPath, outPath]),
            "uncompressed" => ("qpdf", ["--qdf", "--object-streams=disable", inPath, outPath]),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        var run = await ProcessRunner.RunAsync(command.Program, command.Arguments);
        // qpdf exits 3 for warnings it recovered from; the output is still written.
        Assert.True(run.ExitCode == 0 || (command.Program == "qpdf" && run.ExitCode == 3), $"{how}: exit {run.ExitCode}: {run.Error}");
        return await File.ReadAllBytesAsync(outPath);
    }

    /// <summary>
    /// The copy with every fingerprint renamed away but its trailer /ID as downloaded: qpdf writes it uncompressed (which
    /// gives it a new second ID), then same-length byte edits put the copy's /ID back and blank the marks, so no offset moves.
    /// </summary>
    public async Task<byte[]> WithOnlyItsDocumentIdAsync()
    {
        var original = TrailerId().Match(Encoding.Latin1.GetString(Copy));
        Assert.True(original.Success, "the copy has a trailer /ID");
        var text = Encoding.Latin1.GetString(await LaunderAsync("uncompressed", Copy));
        text = TrailerId().Replace(text, original.Value).Replace("/SFID", "/XXID", StringComparison.Ordinal)
            .Replace("sfstamp:fingerprint", "sfstamp:xxxxxxxxxxx", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"/ID\s*\[\s*<[0-9a-fA-F]{32}>\s*<[0-9a-fA-F]{32}>\s*\]")]
    private static partial Regex TrailerId();

    /// <summary>Which marks named the purchase, in order, e.g. "fingerprint in XMP metadata + licence code".</summary>
    public static string Survivors(TraceResult result) => string.Join(" + ", result.Evidence.Where(e => e.EntitlementId is not null)
        .Select(e => e.Kind.StartsWith("licence code", StringComparison.Ordinal) ? "licence code" : $"{e.Kind} in {e.Where}"));

    public async ValueTask DisposeAsync()
    {
        await Shop.DisposeAsync();
        Folder.Dispose();
    }
}
