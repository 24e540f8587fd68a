using System.Net;

namespace Storefront.Payments.Stripe;

/// <summary>
/// An error answered by Stripe (its <c>{"error": {…}}</c> body), or a request that never got an answer
/// after every retry (<see cref="StatusCode"/> null, <see cref="Type"/> <c>connection_error</c>).
/// </summary>
public sealed class StripeException : Exception
{
    public StripeException(HttpStatusCode? statusCode, string type, string message, string? code = null,
        string? declineCode = null, string? param = null, string? requestId = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Type = type;
        Code = code;
        DeclineCode = declineCode;
        Param = param;
        RequestId = requestId;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary><c>invalid_request_error</c>, <c>card_error</c>, <c>idempotency_error</c>, <c>api_error</c>…</summary>
    public string Type { get; }

    public string? Code { get; }

    public string? DeclineCode { get; }

    public string? Param { get; }

    /// <summary>Stripe's <c>Request-Id</c>: quote it to Stripe support and in our logs.</summary>
    public string? RequestId { get; }

    public bool IsIdempotencyError => Type == "idempotency_error";
}
