using System.Collections;
using System.Text.Json;
using Microsoft.Playwright;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium printing a PDF the way a person does: the file opened in the browser's own PDF viewer, its Print
/// button, destination "Save as PDF". Headless Chromium has no print preview (and its Page.printToPDF prints the
/// viewer's web page, toolbar and all, as one picture), so this is a windowed browser on its own Xvfb display, with
/// --kiosk-printing so the print goes straight to the remembered destination and lands in the profile's save folder.
/// </summary>
public static class ChromiumPrint
{
    public const string Xvfb = "/usr/bin/Xvfb";

    // The built-in PDF viewer's extension id, the same in every Chromium build.
    private const string Viewer = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/";

    public static async Task<byte[]> SaveAsPdfAsync(byte[] pdf)
    {
        if (!File.Exists(Xvfb))
        {
            throw new InvalidOperationException($"{Xvfb} is missing: apt-get install xvfb (scripts/test.sh installs it).");
        }
        using var folder = new TempFolder("storefront-print");
        var saved = Directory.CreateDirectory(folder.File("saved")).FullName;
        var profile = Directory.CreateDirectory(folder.File("profile")).FullName;
        await WritePreferencesAsync(profile, saved);

        // -displayfd 1: Xvfb picks a free display and writes its number on standard output once it accepts clients.
        using var display = OwnedProcess.Start(Xvfb, ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]);
        await Eventually.HoldsAsync(() => Task.FromResult(display.HasExited || display.StandardOutput.Trim().Length > 0), "Xvfb opening a display", seconds: 30);
        Assert.False(display.HasExited, "Xvfb exited: " + display.Diagnostics);

        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["DISPLAY"] = ":" + display.StandardOutput.Trim();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = false,
            Env = environment,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--kiosk-printing",
            ],
            Timeout = (float)Patience.For(TimeSpan.FromSeconds(60)).TotalMilliseconds,
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        page.SetDefaultTimeout((float)Patience.For(TimeSpan.FromSeconds(60)).TotalMilliseconds);
        // The copy is handed to the browser as a server would send it; nothing leaves the machine.
        const string address = "http://127.0.0.1:9/found.pdf";
        await page.RouteAsync(address, route => route.FulfillAsync(new RouteFulfillOptions { BodyBytes = pdf, ContentType = "application/pdf" }));
        await page.GotoAsync(address);

        IFrame? viewer = null;
        await Eventually.HoldsAsync(() => Task.FromResult((viewer = page.Frames.FirstOrDefault(f => f.Url.StartsWith(Viewer, StringComparison.Ordinal))) is not null),
            "Chromium opening its PDF viewer", seconds: 60);
        // The page count appears once the viewer has read the whole document; Print before that prints nothing.
        await viewer!.Locator("viewer-page-selector").Filter(new LocatorFilterOptions { HasTextRegex = new(@"/\s*[1-9]") }).WaitForAsync();
        await viewer.GetByRole(AriaRole.Button, new FrameGetByRoleOptions { Name = "Print", Exact = true }).ClickAsync();

        // Kiosk printing names the file after the document's title (here its address's file name).
        var file = Path.Combine(saved, "found.pdf");
        await Eventually.HoldsAsync(async () => File.Exists(file) && (await File.ReadAllTextAsync(file)).TrimEnd().EndsWith("%%EOF", StringComparison.Ordinal),
            "Chromium saving the printed PDF", seconds: 60);
        return await File.ReadAllBytesAsync(file);
    }

    /// <summary>The print preview's remembered destination, "Save as PDF", and the folder it saves into.</summary>
    private static Task WritePreferencesAsync(string profile, string saved)
    {
        var appState = JsonSerializer.Serialize(new
        {
            version = 2,
            recentDestinations = new[] { new { id = "Save as PDF", origin = "local", account = "" } },
            selectedDestinationId = "Save as PDF",
        });
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        return File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), JsonSerializer.Serialize(new
        {
            printing = new { print_preview_sticky_settings = new { appState } },
            savefile = new { default_directory = saved },
        }));
    }
}
