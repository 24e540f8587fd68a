using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Payments.Admin;
using Storefront.Payments.Refunds;

namespace Storefront.Payments.Pages.Admin.Orders;

/// <summary>
/// <c>/admin/orders/{number}</c>: the order, its download rights, refunds and every download attempt. Viewing needs
/// ViewOrders; each action checks ManageOrders (refunds: RefundOrders) itself, and answers with a redirect and a flash message.
/// </summary>
[Authorize(Policy = PaymentsPermissions.Names.ViewOrders)]
public sealed class ShowModel(OrderSearch search, OrderActions actions, RefundIssuer refunds, IAuthorizationService authorization) : PageModel
{
    public OrderDetail Detail { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public bool CanRefund { get; private set; }

    /// <summary>Rendered into the refund form once: a second submit of the same form carries it again and refunds once.</summary>
    public Guid RefundAttempt { get; } = Guid.NewGuid();

    [BindProperty(SupportsGet = true, Name = "confirm-revoke")]
    public Guid? ConfirmRevoke { get; set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(long number, CancellationToken cancellationToken)
    {
        if (await search.DetailAsync(number, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        CanManage = (await authorization.AuthorizeAsync(User, PaymentsPermissions.Names.ManageOrders)).Succeeded;
        CanRefund = (await authorization.AuthorizeAsync(User, PaymentsPermissions.Names.RefundOrders)).Succeeded;
        return Page();
    }

    public Task<IActionResult> OnPostRevokeAsync(long number, Guid entitlement, bool confirmed, CancellationToken cancellationToken) =>
        ManageAsync(number, async () => confirmed
            ? await actions.RevokeAsync(number, entitlement, cancellationToken)
            : null, confirmed ? null : entitlement);

    public Task<IActionResult> OnPostExtendAsync(long number, Guid entitlement, string? extraUses, string? newExpiry, CancellationToken cancellationToken) =>
        ManageAsync(number, async () =>
        {
            // Text, not int?: a count the binder cannot read (the number field accepts "1e2") would arrive as no extra
            // downloads while the new expiry was applied without a word.
            var uses = 0;
            if (!string.IsNullOrWhiteSpace(extraUses) && !int.TryParse(extraUses.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out uses))
            {
                return new ActionOutcome(false, OrderActions.ExtraUsesRange);
            }

            DateTime? expiry = null;
            if (!string.IsNullOrWhiteSpace(newExpiry))
            {
                if (!DateTime.TryParse(newExpiry, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return new ActionOutcome(false, "Enter the new expiry as a date and time, e.g. 2030-01-31T18:00.");
                }

                expiry = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            }

            return await actions.ExtendAsync(number, entitlement, uses, expiry, cancellationToken);
        }, null);

    public Task<IActionResult> OnPostResendAsync(long number, CancellationToken cancellationToken) =>
        ManageAsync(number, async () => await actions.ResendReceiptAsync(number, cancellationToken), null);

    public Task<IActionResult> OnPostRefundAsync(long number, string? amount, string? reason, string? note, bool alsoRevoke, string? attempt,
        [FromForm] int[]? lines, CancellationToken cancellationToken) =>
        ManageAsync(number, async () => await refunds.RefundAsync(number, new RefundRequest(amount, reason, note, alsoRevoke, attempt, lines),
            User.Identity?.Name ?? "admin", cancellationToken), null, PaymentsPermissions.Names.RefundOrders);

    private async Task<IActionResult> ManageAsync(long number, Func<Task<ActionOutcome?>> action, Guid? confirm,
        string permission = PaymentsPermissions.Names.ManageOrders)
    {
        if (!(await authorization.AuthorizeAsync(User, permission)).Succeeded)
        {
            return Forbid();
        }

        if (await action() is { } outcome)
        {
            Flash = outcome.Message;
            FlashIsError = !outcome.Succeeded;
        }

        // A destructive action without its confirmation comes back to the page asking for it.
        return confirm is { } id
            ? Redirect($"{Url.Page("Show", new { number })}?confirm-revoke={id}#entitlement-{id}")
            : RedirectToPage("Show", new { number });
    }
}
