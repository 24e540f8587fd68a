using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Payments.Admin;
using Storefront.Payments.Webhooks;

namespace Storefront.Payments.Pages.Admin.Webhooks;

/// <summary><c>/admin/webhooks/{id}</c>: one stored Stripe event, its body, attempts and error, and "Process again".</summary>
[Authorize(Policy = PaymentsPermissions.Names.ManageWebhooks)]
public sealed class ShowModel(WebhookEvents events) : PageModel
{
    public StripeInboxEvent Event { get; private set; } = null!;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        Event = stored;
        return Page();
    }

    public async Task<IActionResult> OnPostProcessAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await events.ProcessAgainAsync(id, cancellationToken);
        Flash = outcome.Message;
        FlashIsError = !outcome.Succeeded;
        return RedirectToPage("Show", new { id });
    }
}
