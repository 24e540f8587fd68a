using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.StripeEmulator;

/// <summary>
/// The buyer's side: the page at a session's <c>url</c> and its three outcomes. Pay and bank debit deliver
/// <c>checkout.session.completed</c> before the 303 to <c>success_url</c>, as a fast Stripe would, so the
/// shop's success page can already find the order fulfilled (it still must not rely on that).
/// </summary>
internal static class CheckoutPageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/pay/{id}", ShowAsync);
        routes.MapPost("/pay/{id}", SubmitAsync);
        routes.MapPost("/pay/{id}/settle", SettleAsync);
        routes.MapGet("/assets/checkout.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(CheckoutStylesheet.Css, "text/css; charset=utf-8");
        });
    }

    private static Task ShowAsync(HttpContext context, string id)
    {
        var view = context.RequestServices.GetRequiredService<EmulatorLedger>().ReadSession(id, View);
        return view is null ? PageAsync(context, 404, HostedCheckoutPage.NotFound()) : PageAsync(context, 200, Render(context, view));
    }

    private static async Task SubmitAsync(HttpContext context, string id)
    {
        var ledger = context.RequestServices.GetRequiredService<EmulatorLedger>();
        var view = ledger.ReadSession(id, View);
        if (view is null)
        {
            await PageAsync(context, 404, HostedCheckoutPage.NotFound());
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var action = form["action"].ToString();
        var email = form["email"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        var details = BuyerDetailsForm.Read(form);
        if (action == "decline")
        {
            // Stripe keeps the session open after a decline: the buyer may try another card.
            await PageAsync(context, 402, Render(context, view, "Your card was declined. Try another card or payment method.", email, name, details));
            return;
        }

        if (action == "apply_code")
        {
            var problem2 = ledger.ApplyTypedCode(id, form["promotion_code"].ToString(), email.Length == 0 ? null : email);
            var updated = ledger.ReadSession(id, View)!;
            await PageAsync(context, problem2 is null ? 200 : 400, Render(context, updated, problem2, email, name, details));
            return;
        }

        if (action is not ("pay" or "delayed"))
        {
            await PageAsync(context, 400, Render(context, view, "Choose how to pay.", email, name, details));
            return;
        }

        if (email.Length == 0 || !email.Contains('@'))
        {
            await PageAsync(context, 400, Render(context, view, "Enter an email address, such as jenny@example.com.", email, name, details));
            return;
        }

        if (details.Problem(view.BillingAddressCollection, view.TaxIdCollection, view.AutomaticTax) is { } problem)
        {
            await PageAsync(context, 400, Render(context, view, problem, email, name, details));
            return;
        }

        var (refusal, evt) = ledger.Complete(id, new BuyerEntry(email, name.Length == 0 ? null : name, details),
            action == "pay" ? PaymentKind.Card : PaymentKind.BankDebit);
        if (refusal is not null)
        {
            await PageAsync(context, 409, Render(context, ledger.ReadSession(id, View)!, refusal));
            return;
        }

        await context.RequestServices.GetRequiredService<WebhookDispatcher>().PublishAsync(evt!, context.RequestAborted);
        var successUrl = ledger.ReadSession(id, s => s.SuccessUrl);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = successUrl is null ? PagePath(context, id) : successUrl.Replace("{CHECKOUT_SESSION_ID}", id);
    }

    private static async Task SettleAsync(HttpContext context, string id)
    {
        var ledger = context.RequestServices.GetRequiredService<EmulatorLedger>();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (refusal, evt) = ledger.Settle(id, form["outcome"].ToString() == "succeeded");
        if (refusal is not null)
        {
            var view = ledger.ReadSession(id, View);
            await PageAsync(context, view is null ? 404 : 409, view is null ? HostedCheckoutPage.NotFound() : Render(context, view, refusal));
            return;
        }

        await context.RequestServices.GetRequiredService<WebhookDispatcher>().PublishAsync(evt!, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = PagePath(context, id);
    }

    private static string Render(HttpContext context, SessionView view, string? error = null, string? email = null, string? name = null,
        BuyerDetailsForm? details = null) =>
        HostedCheckoutPage.Render(context.RequestServices.GetRequiredService<StripeEmulatorOptions>().DisplayName, view, error, email, name, details);

    private static SessionView View(EmulatedSession session) => SessionView.Of(session, session.PromotionCodeText);

    private static string PagePath(HttpContext context, string id) =>
        $"{context.Request.PathBase}{context.RequestServices.GetRequiredService<EmulatorMount>().Prefix}/pay/{Uri.EscapeDataString(id)}";

    private static Task PageAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // A host that mounts the emulator may set a stricter policy of its own; this one already forbids scripts.
        context.Response.Headers.TryAdd("Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
