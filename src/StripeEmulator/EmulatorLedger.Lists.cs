using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>Checkout Session lists, their line items, and <c>expand[]</c> of the session's <c>line_items</c>, <c>payment_intent</c> and its <c>latest_charge</c>.</summary>
internal sealed partial class EmulatorLedger
{
    private static readonly string[] Expandable = ["line_items", "payment_intent", "payment_intent.latest_charge"];

    /// <summary><c>GET /v1/checkout/sessions</c>: newest first, filtered by <c>created</c>, <c>status</c> and <c>payment_intent</c>.</summary>
    public ApiResponse ListSessions(JsonObject query)
    {
        var refused = Expansions(query, "data.", out var expand);
        if (refused is not null)
        {
            return refused;
        }

        var status = SessionRequest.Text(query, "status");
        var intent = SessionRequest.Text(query, "payment_intent");
        lock (state.Gate)
        {
            var sessions = state.Sessions.Keys.ToList()
                .Select(id => TryFind(id, out var session) ? session : null)
                .OfType<EmulatedSession>()
                .Where(s => StripeLists.CreatedMatches(query["created"], s.Created))
                .Where(s => (status is null || s.Status == status) && (intent is null || s.PaymentIntentId == intent))
                .OrderByDescending(s => s.Sequence)
                .Select(s => Expand(s, expand))
                .ToList();
            return StripeLists.Page(query, "/v1/checkout/sessions", "checkout.session", sessions,
                "created", "status", "payment_intent", "customer", "customer_account", "customer_details", "payment_link", "subscription");
        }
    }

    /// <summary><c>GET /v1/checkout/sessions/{id}/line_items</c>, paged like every Stripe list (in the order they were given).</summary>
    public ApiResponse ListLineItems(string id, JsonObject query)
    {
        lock (state.Gate)
        {
            return TryFind(id, out var session)
                ? StripeLists.Page(query, $"/v1/checkout/sessions/{id}/line_items", "item", session.LineItemsJson())
                : StripeErrors.NoSuch("checkout.session", id, "session");
        }
    }

    private ApiResponse Answer(EmulatedSession session, JsonObject query) =>
        Expansions(query, "", out var expand) ?? ApiResponse.Ok(Expand(session, expand));

    private JsonObject Expand(EmulatedSession session, IReadOnlyList<string> expand)
    {
        var json = session.ToJson();
        if (expand.Contains("line_items"))
        {
            var items = session.LineItemsJson();
            json["line_items"] = StripeLists.List($"/v1/checkout/sessions/{session.Id}/line_items", items.Take(10), items.Count > 10);
        }

        var charge = expand.Contains("payment_intent.latest_charge");
        if ((charge || expand.Contains("payment_intent")) && session.PaymentIntentId is { } intent)
        {
            var paid = state.PaymentsByIntent.TryGetValue(intent, out var payment);
            var intentJson = paid
                ? payment!.PaymentIntentJson()
                : EmulatedPayment.ProcessingIntentJson(intent, session.AmountTotal, session.Currency, session.PaymentIntentMetadata);
            if (charge && paid)
            {
                intentJson["latest_charge"] = payment!.ChargeJson();
            }

            json["payment_intent"] = intentJson;
        }

        return json;
    }

    // expand[] names properties to replace by their objects; Stripe refuses any it cannot expand, naming it.
    private static ApiResponse? Expansions(JsonObject query, string prefix, out IReadOnlyList<string> expand)
    {
        var names = SessionRequest.Strings(query["expand"]) ?? [];
        var properties = names.Select(n => n.StartsWith(prefix, StringComparison.Ordinal) ? n[prefix.Length..] : "").ToList();
        expand = properties;
        var wrong = names.Where((_, i) => !Expandable.Contains(properties[i])).FirstOrDefault();
        return wrong is null ? null : StripeErrors.Invalid("expand", $"This property cannot be expanded ({wrong}).");
    }
}
