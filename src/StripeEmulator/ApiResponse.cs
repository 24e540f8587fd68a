using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// What an API handler answers. <see cref="Executed"/> is false for requests refused before the
/// endpoint ran (validation): Stripe does not save those under the idempotency key, so a corrected
/// retry with the same key is executed rather than answered with the old error.
/// </summary>
internal sealed record ApiResponse(int Status, JsonNode Body, bool Executed = true)
{
    public static ApiResponse Ok(JsonNode body) => new(200, body);
}

/// <summary>Stripe's error body: <c>{"error": {code, doc_url, message, param, type}}</c> with Stripe's status codes and wording.</summary>
internal static class StripeErrors
{
    public static ApiResponse Missing(string param) =>
        Error(400, "invalid_request_error", $"Missing required param: {param}.", "parameter_missing", param, executed: false);

    public static ApiResponse Unknown(string param) =>
        Error(400, "invalid_request_error", $"Received unknown parameter: {param}", "parameter_unknown", param, executed: false);

    public static ApiResponse InvalidInteger(string param, string value) =>
        Error(400, "invalid_request_error", $"Invalid integer: {value}", "parameter_invalid_integer", param, executed: false);

    public static ApiResponse Invalid(string param, string message, string? code = null) =>
        Error(400, "invalid_request_error", message, code, param, executed: false);

    /// <summary>A valid request the object's state refuses (already refunded, not open): saved under its idempotency key.</summary>
    public static ApiResponse Refused(string message, string? code = null, string? param = null) =>
        Error(400, "invalid_request_error", message, code, param, executed: true);

    public static ApiResponse NoSuch(string kind, string id, string param) =>
        Error(404, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param, executed: false);

    public static ApiResponse UnrecognizedUrl(string method, string path) =>
        Error(404, "invalid_request_error",
            $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
            executed: false);

    public static ApiResponse NoApiKey() =>
        Error(401, "invalid_request_error",
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
            "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, " +
            "or we can help at https://support.stripe.com/.", executed: false);

    public static ApiResponse InvalidApiKey(string key) =>
        Error(401, "invalid_request_error", $"Invalid API Key provided: {Redact(key)}", executed: false);

    public static ApiResponse IdempotencyMismatch(string key) =>
        Error(400, "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
            $"Try using a key other than '{key}' if you meant to execute a different request.", executed: false);

    public static ApiResponse IdempotencyInUse() =>
        Error(409, "invalid_request_error",
            "There is currently another in-progress request using this Stripe token (probably the same idempotency key). " +
            "Please try again later.", "idempotency_key_in_use", executed: false);

    /// <summary>An emulator bug, reported in Stripe's shape so clients exercise their 5xx path rather than a parse failure.</summary>
    public static ApiResponse Internal() => Error(500, "api_error", "An unknown error occurred", executed: false);

    private static ApiResponse Error(int status, string type, string message, string? code = null, string? param = null, bool executed = true)
    {
        var error = new JsonObject();
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = "https://stripe.com/docs/error-codes/" + code.Replace('_', '-');
        }

        error["message"] = message;
        if (param is not null)
        {
            error["param"] = param;
        }

        error["type"] = type;
        return new ApiResponse(status, new JsonObject { ["error"] = error }, executed);
    }

    // Stripe shows only the key's prefix and last four characters.
    private static string Redact(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', key.Length - 12) + key[^4..];
}
