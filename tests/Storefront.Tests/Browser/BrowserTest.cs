using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>A test class with its own Chromium (see <see cref="Chromium"/>), launched before its tests and closed after.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running yet.");

    public async Task InitializeAsync() => (playwright, browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
