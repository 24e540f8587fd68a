using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Storefront.Licensing.Verify;

/// <summary>What a request that cannot be read gets: a code to branch on and a sentence to show the developer.</summary>
public sealed record VerifyError(string Error, string Message);

/// <summary>
/// <c>POST /api/licenses/verify</c>: the software a buyer runs asks whether its key is good, and activates or deactivates
/// the instance it runs on. JSON in and out; no cookies and no antiforgery token, since nothing here acts for a signed-in
/// browser user. The host's rate limiter counts it per client address.
/// </summary>
public static class VerifyEndpoint
{
    public const string Path = "/api/licenses/verify";

    /// <summary>A request is a few short fields; anything longer is not one.</summary>
    private const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapLicenseVerification(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, VerifyAsync).DisableAntiforgery().WithName("LicenseVerify");
        return endpoints;
    }

    private static async Task<Results<Ok<VerifyAnswer>, BadRequest<VerifyError>, JsonHttpResult<VerifyError>>> VerifyAsync(
        HttpContext http, LicenseVerifier verifier, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Json(new VerifyError("unsupported_media_type", "Send the request as JSON (Content-Type: application/json)."),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return TypedResults.Json(new VerifyError("too_large", $"The request must be at most {MaxBodyBytes} bytes."),
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            body.Write(buffer, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest(new VerifyError("invalid_json", "The body is not valid JSON."));
        }

        using (document)
        {
            var (request, problem) = VerifyRequest.Read(document.RootElement);
            return request is null
                ? TypedResults.BadRequest(new VerifyError("invalid_request", problem!))
                : TypedResults.Ok(await verifier.VerifyAsync(request, cancellationToken));
        }
    }
}
