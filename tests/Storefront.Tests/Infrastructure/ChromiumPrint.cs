using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Storefront.Tests.Infrastructure;

/// <summary>Debian's Chromium printing a PDF to PDF the ways a person does.</summary>
public static class ChromiumPrint
{
    public const string Xvfb = "/usr/bin/Xvfb";

    // The built-in PDF viewer's extension id, the same in every Chromium build.
    private const string Viewer = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/";

    // Where the browser is handed the copy (and pdf.js); requests to it are answered by the test, nothing leaves the machine.
    private const string Origin = "http://127.0.0.1:9";

    /// <summary>
    /// The file opened in Chromium's own PDF viewer, its Print button, destination "Save as PDF". Headless Chromium has
    /// no print preview (and its Page.printToPDF prints the viewer's web page, toolbar and all, as one picture), so this
    /// is a windowed browser on its own Xvfb display, with --kiosk-printing so the print goes straight to the remembered
    /// destination and lands in the profile's save folder.
    /// </summary>
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
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(display.HasExited || display.StandardOutput.Trim().Length > 0), "Xvfb opening a display", seconds: 30);
            Assert.False(display.HasExited, "Xvfb exited: " + display.Diagnostics);
            return await PrintInViewerAsync(pdf, profile, saved, ":" + display.StandardOutput.Trim());
        }
        finally
        {
            // Asked to stop, Xvfb removes its socket and lock file; killed (as disposing does) it leaves them in /tmp.
            await ProcessRunner.RunAsync("kill", ["-TERM", display.Process.Id.ToString(CultureInfo.InvariantCulture)]);
            await display.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<byte[]> PrintInViewerAsync(byte[] pdf, string profile, string saved, string display)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["DISPLAY"] = display;
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
        await page.RouteAsync(Origin + "/found.pdf", route => route.FulfillAsync(new RouteFulfillOptions { BodyBytes = pdf, ContentType = "application/pdf" }));
        await page.GotoAsync(Origin + "/found.pdf");

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

    /// <summary>
    /// The file shown by pdf.js, the viewer that is itself a web page (Firefox's, and many sites'), and printed by Chromium:
    /// what pdf.js's print does in Chromium. Like its print service, the page draws each PDF page at 150 dpi on a canvas,
    /// puts the pictures in a print container, one a sheet sized by @page from the first page, and the browser prints that.
    /// </summary>
    public static async Task<byte[]> PdfJsPrintAsync(byte[] pdf)
    {
        var pdfJs = Path.Combine(RepoPaths.Peers, "pdfjs-dist");
        if (!Directory.Exists(pdfJs))
        {
            throw new InvalidOperationException($"{pdfJs} is missing: npm ci in tests/peers (scripts/test.sh runs it).");
        }
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);
            await page.RouteAsync(Origin + "/**", route =>
            {
                var path = new Uri(route.Request.Url).AbsolutePath;
                return path switch
                {
                    "/found.pdf" => route.FulfillAsync(new RouteFulfillOptions { BodyBytes = pdf, ContentType = "application/pdf" }),
                    "/print.html" => route.FulfillAsync(new RouteFulfillOptions { Body = PdfJsPrintPage, ContentType = "text/html" }),
                    _ when path.StartsWith("/pdfjs/", StringComparison.Ordinal) && File.Exists(Path.Combine(pdfJs, path["/pdfjs/".Length..])) =>
                        route.FulfillAsync(new RouteFulfillOptions { Path = Path.Combine(pdfJs, path["/pdfjs/".Length..]), ContentType = path.EndsWith(".mjs", StringComparison.Ordinal) ? "text/javascript" : null }),
                    _ => route.FulfillAsync(new RouteFulfillOptions { Status = 404 }),
                };
            });
            await page.GotoAsync(Origin + "/print.html");
            await page.Locator("body[data-printed]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            Assert.Empty(errors);
            return await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    // pdf.js's print service and print style sheet (web/pdf_print_service.js, web/viewer.css), reduced to the print.
    private const string PdfJsPrintPage = """
        <!doctype html>
        <html>
        <head>
        <style>
          html, body { height: 100%; margin: 0; }
          #printContainer > .printedPage { width: 100%; height: 100%; page-break-after: always; page-break-inside: avoid;
            display: flex; flex-direction: column; justify-content: center; align-items: center; }
          #printContainer > .printedPage img { max-width: 100%; max-height: 100%; direction: ltr; display: block; }
        </style>
        </head>
        <body>
        <div id="printContainer"></div>
        <script type="module">
          import * as pdfjs from "/pdfjs/build/pdf.mjs";
          pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
          const document_ = await pdfjs.getDocument({ url: "/found.pdf", cMapUrl: "/pdfjs/cmaps/", standardFontDataUrl: "/pdfjs/standard_fonts/", wasmUrl: "/pdfjs/wasm/" }).promise;
          const first = (await document_.getPage(1)).getViewport({ scale: 1 });
          const size = document.createElement("style");
          size.textContent = `@page { size: ${first.width}pt ${first.height}pt; margin: 0; }`;
          document.head.append(size);
          const units = 150 / 72;
          for (let number = 1; number <= document_.numPages; number++) {
            const page = await document_.getPage(number);
            const viewport = page.getViewport({ scale: 1 });
            const canvas = document.createElement("canvas");
            canvas.width = Math.floor(viewport.width * units);
            canvas.height = Math.floor(viewport.height * units);
            const context = canvas.getContext("2d");
            context.fillStyle = "white";
            context.fillRect(0, 0, canvas.width, canvas.height);
            await page.render({ canvas, canvasContext: context, viewport, transform: [units, 0, 0, units, 0, 0], intent: "print",
              annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE }).promise;
            const picture = document.createElement("img");
            picture.src = URL.createObjectURL(await new Promise(done => canvas.toBlob(done)));
            await picture.decode();
            const sheet = document.createElement("div");
            sheet.className = "printedPage";
            sheet.append(picture);
            document.getElementById("printContainer").append(sheet);
          }
          document.body.dataset.printed = String(document_.numPages);
        </script>
        </body>
        </html>
        """;

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
