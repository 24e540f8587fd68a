using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// Disputes: the bank opens one (a test helper), the seller reads it and stages or submits evidence
/// (<c>GET</c>/<c>POST /v1/disputes/{id}</c>), and the bank decides (a test helper). Each step returns the events it caused,
/// in Stripe's order, for the caller to publish.
/// </summary>
internal sealed partial class EmulatorLedger
{
    public (ApiResponse, IReadOnlyList<EmulatedEvent>) Dispute(FormParameters form)
    {
        lock (state.Gate)
        {
            var found = FindPayment(form.Root, out var payment);
            if (found is not null)
            {
                return (found, []);
            }

            payment!.Disputed = true;
            var dispute = new EmulatedDispute
            {
                Id = StripeIds.New("dp"), Payment = payment, Reason = SessionRequest.Text(form.Root, "reason") ?? "fraudulent", Created = StripeIds.Now(),
            };
            state.Disputes[dispute.Id] = dispute;
            // The disputed amount and the fee leave the balance as the dispute opens; Stripe reports that separately.
            dispute.Withdraw();
            var json = dispute.ToJson();
            return (ApiResponse.Ok(json), [Event("charge.dispute.created", json), Event("charge.dispute.funds_withdrawn", json)]);
        }
    }

    public ApiResponse GetDispute(string id, JsonObject query)
    {
        if (query.Select(p => p.Key).FirstOrDefault(k => k != "expand") is { } unknown)
        {
            return StripeErrors.Unknown(unknown);
        }

        lock (state.Gate)
        {
            return state.Disputes.TryGetValue(id, out var dispute) ? ApiResponse.Ok(dispute.ToJson()) : StripeErrors.NoSuch("dispute", id, "dispute");
        }
    }

    /// <summary>
    /// Stages evidence and metadata, and submits the evidence unless <c>submit=false</c> (Stripe's default is to submit).
    /// Once submitted, or once the bank decided, the evidence is closed to changes.
    /// </summary>
    public (ApiResponse, EmulatedEvent?) UpdateDispute(string id, FormParameters form, string requestId, string? idempotencyKey)
    {
        var root = form.Root;
        if (root.Select(p => p.Key).FirstOrDefault(k => k is not ("evidence" or "metadata" or "submit" or "expand")) is { } unknown)
        {
            return (StripeErrors.Unknown(unknown), null);
        }

        var submitText = SessionRequest.Text(root, "submit");
        if (submitText is not (null or "true" or "false"))
        {
            return (StripeErrors.Invalid("submit", $"Invalid boolean: {submitText}", "parameter_invalid_boolean"), null);
        }

        var evidence = root["evidence"];
        var evidenceError = ValidateEvidence(evidence);
        if (evidenceError is not null)
        {
            return (evidenceError, null);
        }

        lock (state.Gate)
        {
            if (!state.Disputes.TryGetValue(id, out var dispute))
            {
                return (StripeErrors.NoSuch("dispute", id, "dispute"), null);
            }

            var submit = submitText == "true" || (submitText is null && evidence is JsonObject);
            if ((evidence is JsonObject || submit) && !dispute.AcceptsEvidence)
            {
                return (StripeErrors.Refused(dispute.SubmissionCount > 0 && dispute.Status.EndsWith("under_review", StringComparison.Ordinal)
                    ? "This dispute's evidence has already been submitted and can no longer be changed."
                    : $"This dispute is {dispute.Status} and its evidence can no longer be changed."), null);
            }

            if (evidence is JsonObject fields)
            {
                foreach (var (name, value) in fields)
                {
                    dispute.Evidence[name] = value?.GetValue<string>() is { Length: > 0 } text ? text : null;
                }
            }

            if (SetMetadata(dispute, root["metadata"]) is { } metadataError)
            {
                return (metadataError, null);
            }

            if (submit)
            {
                dispute.Status = dispute.Status == "warning_needs_response" ? "warning_under_review" : "under_review";
                dispute.SubmissionCount++;
            }

            var json = dispute.ToJson();
            return (ApiResponse.Ok(json), Event("charge.dispute.updated", json, requestId, idempotencyKey));
        }
    }

    /// <summary>The bank's decision: won gives the money back (and says so in its own event), lost keeps it withdrawn.</summary>
    public (ApiResponse, IReadOnlyList<EmulatedEvent>) CloseDispute(string id, string outcome)
    {
        lock (state.Gate)
        {
            if (!state.Disputes.TryGetValue(id, out var dispute))
            {
                return (StripeErrors.NoSuch("dispute", id, "dispute"), []);
            }

            if (dispute.Status is "won" or "lost" or "warning_closed")
            {
                return (StripeErrors.Refused($"This dispute is already closed ({dispute.Status})."), []);
            }

            dispute.Status = outcome;
            if (outcome == "won")
            {
                dispute.Reinstate();
            }

            var json = dispute.ToJson();
            return (ApiResponse.Ok(json), outcome == "won"
                ? [Event("charge.dispute.closed", json), Event("charge.dispute.funds_reinstated", json)]
                : [Event("charge.dispute.closed", json)]);
        }
    }

    private static ApiResponse? ValidateEvidence(JsonNode? evidence)
    {
        if (evidence is null)
        {
            return null;
        }

        if (evidence is not JsonObject fields)
        {
            return StripeErrors.Invalid("evidence", "Invalid object", "parameter_invalid_string");
        }

        var combined = 0;
        foreach (var (name, value) in fields)
        {
            if (!EmulatedDispute.TextFields.ContainsKey(name) && !EmulatedDispute.FileFields.Contains(name))
            {
                return StripeErrors.Unknown($"evidence[{name}]");
            }

            if (value is not JsonValue)
            {
                return StripeErrors.Invalid($"evidence[{name}]", $"Invalid string: evidence[{name}] must be a string.", "parameter_invalid_string");
            }

            var text = value.GetValue<string>();
            if (EmulatedDispute.TextFields.TryGetValue(name, out var limit) && text.Length > limit)
            {
                return StripeErrors.Invalid($"evidence[{name}]",
                    $"Invalid string: evidence[{name}] is {text.Length} characters long; it must be at most {limit} characters.", "string_length_exceeds_maximum");
            }

            if (EmulatedDispute.FileFields.Contains(name) && text.Length > 0 && !text.StartsWith("file_", StringComparison.Ordinal))
            {
                return StripeErrors.Invalid($"evidence[{name}]", $"No such file upload: '{text}'", "resource_missing");
            }

            combined += text.Length;
        }

        return combined > EmulatedDispute.CombinedLimit
            ? StripeErrors.Invalid("evidence", $"The combined length of all evidence fields ({combined}) exceeds the limit of {EmulatedDispute.CombinedLimit} characters.", "string_length_exceeds_maximum")
            : null;
    }

    // An empty value unsets a key, and an empty metadata unsets them all, as Stripe does.
    private static ApiResponse? SetMetadata(EmulatedDispute dispute, JsonNode? metadata)
    {
        switch (metadata)
        {
            case null:
                return null;
            case JsonValue value when value.GetValue<string>().Length == 0:
                dispute.Metadata = [];
                return null;
            case JsonObject pairs:
                foreach (var (key, item) in pairs)
                {
                    if (item is not JsonValue)
                    {
                        return StripeErrors.Invalid($"metadata[{key}]", "Metadata values must be strings.", "parameter_invalid_string");
                    }

                    var text = item.GetValue<string>();
                    if (text.Length == 0)
                    {
                        dispute.Metadata.Remove(key);
                    }
                    else
                    {
                        dispute.Metadata[key] = text;
                    }
                }

                return null;
            default:
                return StripeErrors.Invalid("metadata", "Invalid metadata: must be an object.", "parameter_invalid_string");
        }
    }

    private EmulatedEvent Event(string type, JsonObject dispute, string? requestId = null, string? idempotencyKey = null) =>
        EmulatedEvent.Create(type, dispute, options.ApiVersion, requestId, idempotencyKey);
}
