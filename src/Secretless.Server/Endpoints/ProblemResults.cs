using System.Globalization;
using Microsoft.AspNetCore.Http;
using Secretless.Core.Errors;
using Secretless.Server.Json;

namespace Secretless.Server.Endpoints;

/// <summary>Refusals as <c>application/problem+json</c> with a stable code, plus Retry-After when the device should retry.</summary>
internal static class ProblemResults
{
    public const string ContentType = "application/problem+json";
    public const string TypeBaseUri = "https://secretless.dev/problems/";

    public static IResult From(HttpContext context, ProvisioningError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var body = new ProblemResponse(TypeBaseUri + error.Code, error.Title, error.Status, error.Detail, error.Code);
        return TypedResults.Json(body, ServerJsonContext.Default.ProblemResponse, ContentType, error.Status);
    }
}
