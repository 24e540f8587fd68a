using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

internal enum PaymentKind
{
    Card,
    BankDebit,
}

/// <summary>What the buyer typed on the hosted page.</summary>
internal sealed record BuyerEntry(string Email, string? Name, BuyerDetailsForm Details);

/// <summary>The state changes of sessions and payments; each returns the event it caused, for the caller to publish.
/// Refunds and disputes are in EmulatorLedger.Charges.cs, lists and expansions in EmulatorLedger.Lists.cs.</summary>
internal sealed partial class EmulatorLedger(StripeEmulatorOptions options, StripeEmulatorState state, WebhookDispatcher webhooks)
{
    public ApiResponse CreateSession(FormParameters form, string publicBase)
    {
        lock (state.Gate)
        {
            var now = options.Time.GetUtcNow().ToUnixTimeSeconds();
            var error = SessionRequest.TryCreate(form, options.PublicBaseUrl ?? publicBase, now, state.Products.GetValueOrDefault, out var session)
                ?? RequestedDiscount(session!, form.Root, now);
            if (error is not null)
            {
                return error;
            }

            session!.Sequence = state.Sessions.Count;
            state.Sessions[session.Id] = session;
            return Answer(session, form.Root);
        }
    }

    public ApiResponse GetSession(string id, JsonObject? query = null)
    {
        if (query?.Select(p => p.Key).FirstOrDefault(k => k != "expand") is { } unknown)
        {
            return StripeErrors.Unknown(unknown);
        }

        lock (state.Gate)
        {
            return TryFind(id, out var session)
                ? Answer(session, query ?? [])
                : StripeErrors.NoSuch("checkout.session", id, "session");
        }
    }

    public T? ReadSession<T>(string id, Func<EmulatedSession, T> read)
    {
        lock (state.Gate)
        {
            return TryFind(id, out var session) ? read(session) : default;
        }
    }

    public (ApiResponse, EmulatedEvent?) ExpireSession(string id, string requestId, string? idempotencyKey)
    {
        lock (state.Gate)
        {
            if (!TryFind(id, out var session))
            {
                return (StripeErrors.NoSuch("checkout.session", id, "session"), null);
            }

            if (session.Status != "open")
            {
                return (StripeErrors.Refused($"Only Checkout Sessions with a status in [\"open\"] can be expired. This session has a status of \"{session.Status}\"."), null);
            }

            session.Status = "expired";
            var json = session.ToJson();
            return (ApiResponse.Ok(json), EmulatedEvent.Create("checkout.session.expired", json, options.ApiVersion, requestId, idempotencyKey));
        }
    }

    /// <summary>The buyer's Pay (card, paid at once) or bank debit (complete but unpaid until settled).</summary>
    public (string? Refusal, EmulatedEvent? Event) Complete(string id, BuyerEntry buyer, PaymentKind kind)
    {
        lock (state.Gate)
        {
            if (!TryFind(id, out var session) || session.Status != "open")
            {
                return ("This checkout is no longer open: it was already paid or it expired.", null);
            }

            session.Status = "complete";
            session.BuyerEmail = buyer.Email;
            session.BuyerName = buyer.Name;
            session.BuyerAddress = buyer.Details.Address(session.AddressCollection);
            if (session.TaxIdCollection)
            {
                session.BuyerBusinessName = buyer.Details.BusinessName.Length == 0 ? null : buyer.Details.BusinessName;
                if (buyer.Details.TaxIdEntry(session.TaxIdCollection) is { } taxId)
                {
                    session.BuyerTaxIds.Add(taxId);
                }
            }
            if (session.AutomaticTax)
            {
                ComputeTax(session, session.BuyerAddress?["country"]?.ToString());
            }

            Redeem(session);
            session.PaymentIntentId = StripeIds.New("pi");
            if (kind == PaymentKind.Card)
            {
                session.PaymentStatus = "paid";
                Charge(session, "card");
            }
            else
            {
                session.AwaitingSettlement = true;
            }

            return (null, EmulatedEvent.Create("checkout.session.completed", session.ToJson(), options.ApiVersion));
        }
    }

    /// <summary>The bank's later verdict on a bank debit.</summary>
    public (string? Refusal, EmulatedEvent? Event) Settle(string id, bool succeeded)
    {
        lock (state.Gate)
        {
            if (!TryFind(id, out var session) || !session.AwaitingSettlement)
            {
                return ("This session has no bank debit waiting to settle.", null);
            }

            session.AwaitingSettlement = false;
            if (succeeded)
            {
                session.PaymentStatus = "paid";
                Charge(session, session.PaymentMethodTypes.Contains("sepa_debit") ? "sepa_debit" : "us_bank_account");
            }

            var type = succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed";
            return (null, EmulatedEvent.Create(type, session.ToJson(), options.ApiVersion));
        }
    }

    /// <summary>A discount and tax on an open session, as Stripe reports them in <c>total_details</c> once coupons or tax rates apply.</summary>
    public string? SetTotals(string id, long discount, long tax)
    {
        lock (state.Gate)
        {
            if (!TryFind(id, out var session) || session.Status != "open")
            {
                return "Only an open Checkout Session's totals can be changed.";
            }

            if (discount > session.AmountSubtotal)
            {
                return "The discount cannot exceed the subtotal.";
            }

            (session.ManualDiscount, session.ManualTax) = (discount, tax);
            return null;
        }
    }

    // Stripe expires an unpaid session at expires_at on its own; the emulator notices when the session is next touched.
    private bool TryFind(string id, [NotNullWhen(true)] out EmulatedSession? session)
    {
        if (!state.Sessions.TryGetValue(id, out session))
        {
            return false;
        }

        if (session.Status == "open" && options.Time.GetUtcNow().ToUnixTimeSeconds() >= session.ExpiresAt)
        {
            session.Status = "expired";
            webhooks.PublishInBackground(EmulatedEvent.Create("checkout.session.expired", session.ToJson(), options.ApiVersion));
        }

        return true;
    }

    private void Charge(EmulatedSession session, string method)
    {
        var payment = new EmulatedPayment
        {
            PaymentIntentId = session.PaymentIntentId!,
            ChargeId = StripeIds.New("ch"),
            SessionId = session.Id,
            Amount = session.AmountTotal,
            Currency = session.Currency,
            Created = StripeIds.Now(),
            Metadata = (JsonObject)session.PaymentIntentMetadata.DeepClone(),
            BillingEmail = session.BuyerEmail,
            BillingName = session.BuyerName,
            BillingAddress = session.BuyerAddress,
            PaymentMethodType = method,
        };
        state.PaymentsByIntent[payment.PaymentIntentId] = payment;
        state.PaymentsByCharge[payment.ChargeId] = payment;
    }
}
