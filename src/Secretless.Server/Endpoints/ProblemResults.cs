using Microsoft.AspNetCore.Http;
using Secretless.Core.Errors;

namespace Secretless.Server.Endpoints;

/// <summary>Refusals as <c>application/problem+json</c> with a stable code, plus Retry-After when the device should retry.</summary>
internal static class ProblemResults
{
    public static IResult From(HttpContext context, ProvisioningError error)
    {
        if (ProblemBody.RetryAfterSeconds(error) is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds;
        }

        // The core's bytes: the Lambda issuer and API Gateway's gateway responses send the same.
        return TypedResults.Text(ProblemBody.Serialize(error), ProblemBody.ContentType, error.Status);
    }
}
