using System.Text.Json;

namespace Storefront.Licensing.Verify;

public enum VerifyAction
{
    Check,
    Activate,
    Deactivate,
}

/// <summary>
/// <c>{ "key", "product", "instance", "action" }</c> as the API reads it: every problem is a sentence for the developer
/// integrating it, never a parser's message.
/// </summary>
public sealed record VerifyRequest(string Key, string Product, string? Instance, VerifyAction Action)
{
    public const int MaxInstanceLength = 200;

    /// <summary>The request, or null and why it cannot be read.</summary>
    public static (VerifyRequest? Request, string? Problem) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object such as {\"key\": \"…\", \"product\": \"slug\", \"instance\": \"machine-id\", \"action\": \"activate\"}.");
        }

        var (key, keyProblem) = Text(body, "key", required: true, max: 200);
        var (product, productProblem) = Text(body, "product", required: true, max: 200);
        var (instance, instanceProblem) = Text(body, "instance", required: false, max: MaxInstanceLength);
        var (actionName, actionProblem) = Text(body, "action", required: true, max: 20);
        var problem = keyProblem ?? productProblem ?? actionProblem ?? instanceProblem;
        if (problem is not null)
        {
            return (null, problem);
        }

        VerifyAction? action = actionName switch
        {
            "check" => VerifyAction.Check,
            "activate" => VerifyAction.Activate,
            "deactivate" => VerifyAction.Deactivate,
            _ => null,
        };
        if (action is null)
        {
            return (null, $"\"action\" must be \"activate\", \"check\" or \"deactivate\" (got \"{actionName}\").");
        }

        if (action != VerifyAction.Check && instance is null)
        {
            return (null, $"\"instance\" is required to {actionName}: name the machine or installation, e.g. a stable hardware id.");
        }

        return (new VerifyRequest(key!, product!, instance, action.Value), null);
    }

    private static (string? Value, string? Problem) Text(JsonElement body, string field, bool required, int max)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, required ? $"\"{field}\" is required." : null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, $"\"{field}\" must be a non-empty string.");
        }

        string? raw;
        try
        {
            raw = value.GetString();
        }
        catch (InvalidOperationException)
        {
            // "\ud800" alone: JSON can spell half a character that no string can hold.
            return (null, $"\"{field}\" holds an incomplete character (a lone surrogate escape).");
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, $"\"{field}\" must be a non-empty string.");
        }

        var text = raw.Trim();
        return text.Length > max ? (null, $"\"{field}\" must be at most {max} characters.") : (text, null);
    }
}

/// <summary>
/// The answer, the same shape whatever happened: <see cref="Valid"/> says whether the software may run, the rest why.
/// <see cref="Status"/> is the key's state (<c>active</c>, <c>suspended</c>, <c>revoked</c>) or <c>invalid</c> for a
/// key that is not one of this product's, which says nothing about whether it is some other product's.
/// </summary>
public sealed record VerifyAnswer(bool Valid, string Status, string Product, int? Activations, int? Limit, string? Reason);
