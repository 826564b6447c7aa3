using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Local.Delivery;
using Secretless.Server.Logging;

namespace Secretless.Server.Endpoints;

/// <summary>
/// <c>GET /payloads/{key}?expires=…&amp;signature=…</c>: the embedded store's pre-signed URLs. 200 with
/// the stored 200 body of <c>/new</c>; 404 + Retry-After while issuance runs; 403 when altered or expired.
/// </summary>
internal static class PayloadEndpoints
{
    public static async Task<IResult> GetPayloadAsync(
        HttpContext context,
        string key,
        TimeProvider timeProvider,
        LatentDeliveryOptions options,
        ILoggerFactory loggerFactory)
    {
        context.Response.Headers.CacheControl = "no-store";

        // Only the embedded store serves through this host; S3 URLs point at S3.
        var store = context.RequestServices.GetService<LocalPayloadStore>();
        if (store is null)
        {
            return Results.NotFound();
        }

        var query = context.Request.Query;
        var expires = query["expires"];
        var signature = query["signature"];
        var result = await store.FetchAsync(
            key,
            expires.Count == 1 ? expires[0] : null,
            signature.Count == 1 ? signature[0] : null,
            timeProvider.GetUtcNow(),
            context.RequestAborted);
        var logger = loggerFactory.CreateLogger(typeof(PayloadEndpoints).FullName!);
        switch (result.Status)
        {
            case PayloadFetchStatus.Ready:
                return Results.Text(result.Payload!, ProvisioningHandler.JsonContentType, StatusCodes.Status200OK);
            case PayloadFetchStatus.NotReady:
                return ProblemResults.From(context, DeliveryErrors.PayloadNotReady(options.RetryAfter));
            case PayloadFetchStatus.Expired:
                ServerLog.PayloadUrlRefused(logger, DeliveryErrorCodes.PayloadUrlExpired);
                return ProblemResults.From(context, DeliveryErrors.PayloadUrlExpired());
            default:
                ServerLog.PayloadUrlRefused(logger, DeliveryErrorCodes.PayloadUrlInvalid);
                return ProblemResults.From(context, DeliveryErrors.PayloadUrlInvalid());
        }
    }
}
