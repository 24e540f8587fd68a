using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Payments.Invoices;

/// <summary>
/// Names a missing font package when the shop starts, not when the first buyer pays: sales go on without it (invoices
/// are drawn on first use), but the operator learns at once what to install.
/// </summary>
internal sealed class InvoiceFontsCheck(IOptionsMonitor<InvoiceOptions> options, ILogger<InvoiceFontsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (InvoiceFonts.Find(options.CurrentValue.FontFolder).Fallback is null)
            {
                logger.LogInformation("Invoices draw Chinese, Japanese and Korean names as boxes: install fonts-droid-fallback to print them");
            }
        }
        catch (InvoiceFontsMissingException ex)
        {
            logger.LogWarning("{Problem}", ex.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
