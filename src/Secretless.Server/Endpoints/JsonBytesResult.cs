using Microsoft.AspNetCore.Http;

namespace Secretless.Server.Endpoints;

/// <summary>
/// Already-serialized JSON written as it is, with its length. <c>Results.Text</c> copies the
/// bytes it is given first, and the provisioning answer is the largest object of a request.
/// </summary>
internal sealed class JsonBytesResult : IResult
{
    private readonly byte[] _utf8Json;
    private readonly int _statusCode;

    public JsonBytesResult(byte[] utf8Json, int statusCode)
    {
        _utf8Json = utf8Json;
        _statusCode = statusCode;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _statusCode;
        response.ContentType = ProvisioningHandler.JsonContentType;
        response.ContentLength = _utf8Json.Length;
        return response.Body.WriteAsync(_utf8Json).AsTask();
    }
}
