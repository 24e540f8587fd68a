using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Payments.Admin;
using Storefront.Payments.Promotions;

namespace Storefront.Payments.Pages.Admin.Promotions;

/// <summary><c>/admin/promotions</c>: the codes with their redemptions, a form to create one, and a button to deactivate each.</summary>
[Authorize(Policy = PaymentsPermissions.Names.ManagePromotions)]
public sealed class IndexModel(PromotionCodes codes) : PageModel
{
    [BindProperty]
    public PromotionForm Form { get; set; } = new();

    public IReadOnlyList<PromotionRow> Rows { get; private set; } = [];

    public Dictionary<string, string> Problems { get; } = [];

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await codes.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (Form.ToDraft(out var draft) is { Count: > 0 } formProblems)
        {
            return await RedisplayAsync(formProblems, cancellationToken);
        }

        var outcome = await codes.CreateAsync(draft!, cancellationToken);
        if (!outcome.Succeeded)
        {
            return await RedisplayAsync(outcome.Problems, cancellationToken);
        }

        Flash = $"Code {outcome.Code!.NormalizedCode} created.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        Flash = await codes.DeactivateAsync(id, cancellationToken) ?? "Code deactivated: checkout no longer accepts it.";
        return RedirectToPage();
    }

    private async Task<IActionResult> RedisplayAsync(IEnumerable<(string Field, string Message)> problems, CancellationToken cancellationToken)
    {
        foreach (var (field, message) in problems)
        {
            Problems.TryAdd(field, message);
        }

        Rows = await codes.ListAsync(cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}

/// <summary>What the create form posts, as typed: parsed here so every mistake comes back as a message beside its field.</summary>
public sealed class PromotionForm
{
    public string? Code { get; set; }

    public string Kind { get; set; } = "percent";

    public string? Value { get; set; }

    public string? Currency { get; set; }

    public string? Expires { get; set; }

    public string? MaxRedemptions { get; set; }

    public string? Products { get; set; }

    public bool OncePerCustomer { get; set; }

    public List<(string Field, string Message)> ToDraft(out PromotionDraft? draft)
    {
        draft = null;
        var problems = new List<(string, string)>();
        var kind = Kind == "amount" ? DiscountKind.Amount : DiscountKind.Percent;
        var currency = string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToLowerInvariant();
        long value = 0;
        if (kind == DiscountKind.Percent)
        {
            if (!long.TryParse(Value?.Trim().TrimEnd('%').Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                problems.Add(("value", "Enter the percentage off as a whole number from 1 to 100."));
            }
        }
        else
        {
            // Without a known currency the amount is read as cents; the missing currency is reported on its own.
            var scale = currency is not null && Catalog.Services.Money.IsKnownCurrency(currency) ? currency : "usd";
            var text = Value?.Trim() ?? "";
            if (text.StartsWith('-'))
            {
                problems.Add(("value", "An amount off must be more than zero."));
            }
            else if (!Catalog.Services.PriceInput.TryParse(text, scale, out value, out var problem))
            {
                problems.Add(("value", problem ?? "Enter the amount off, such as 5.00."));
            }
        }

        DateTime? expires = null;
        if (!string.IsNullOrWhiteSpace(Expires))
        {
            if (DateTime.TryParse(Expires, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                expires = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            }
            else
            {
                problems.Add(("expires", "Enter the expiry as a date and time, such as 2030-01-31T18:00."));
            }
        }

        long? max = null;
        if (!string.IsNullOrWhiteSpace(MaxRedemptions))
        {
            if (long.TryParse(MaxRedemptions.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsedMax))
            {
                max = parsedMax;
            }
            else
            {
                problems.Add(("maxRedemptions", "Enter the maximum number of redemptions as a whole number, or leave it empty."));
            }
        }

        var slugs = (Products ?? "").Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (problems.Count == 0)
        {
            draft = new PromotionDraft(Code?.Trim() ?? "", kind, value, currency, expires, max, slugs, OncePerCustomer);
        }

        return problems;
    }
}
