using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Payments.Admin;
using Storefront.Payments.Disputes;

namespace Storefront.Payments.Pages.Admin.Orders;

/// <summary>
/// <c>/admin/orders/{number}/disputes/{dispute}/evidence</c>: the evidence drafted from the shop's records, to edit and
/// send to Stripe as a draft or as the final answer. Sending evidence argues about money, so the page needs ManageOrders.
/// </summary>
[Authorize(Policy = PaymentsPermissions.Names.ManageOrders)]
public sealed class EvidenceModel(DisputeEvidence evidence) : PageModel
{
    public EvidenceCase Case { get; private set; } = null!;

    public Dictionary<string, string> Values { get; private set; } = [];

    public string? Refusal { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(long number, string dispute, CancellationToken cancellationToken)
    {
        if (await evidence.FindAsync(number, dispute, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Case = found;
        Values = await evidence.DraftAsync(found, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long number, string dispute, Dictionary<string, string>? fields, string? send, CancellationToken cancellationToken)
    {
        if (await evidence.FindAsync(number, dispute, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Case = found;
        // Only Stripe's fields are kept, with the browser's line endings made Stripe's, so lengths count as Stripe counts them.
        Values = EvidenceFields.All.ToDictionary(f => f.Name, f => (fields?.GetValueOrDefault(f.Name) ?? "").Replace("\r\n", "\n", StringComparison.Ordinal));
        var problems = EvidenceFields.Problems(Values);
        foreach (var (field, message) in problems)
        {
            ModelState.AddModelError(field, message);
        }

        if (problems.Count > 0)
        {
            return Page();
        }

        var outcome = await evidence.SendAsync(found, Values, submit: send == "submit", cancellationToken);
        if (!outcome.Succeeded)
        {
            Refusal = outcome.Message;
            return Page();
        }

        Flash = outcome.Message;
        FlashIsError = false;
        return Redirect($"/admin/orders/{number}#dispute-{dispute}");
    }
}
