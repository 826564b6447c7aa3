using System.Net;

namespace Secretless.Device;

/// <summary>
/// The service refused or failed: HTTP status, the problem's stable <see cref="ProblemCode"/>
/// (null when the body was not problem+json, e.g. the empty 500) and its detail.
/// </summary>
public sealed class ProvisioningFailedException : ProvisioningException
{
    public ProvisioningFailedException()
    {
    }

    public ProvisioningFailedException(string message)
        : base(message)
    {
    }

    public ProvisioningFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProvisioningFailedException(HttpStatusCode statusCode, string? problemCode, string? detail, TimeSpan? retryAfter)
        : base(Describe(statusCode, problemCode, detail))
    {
        StatusCode = statusCode;
        ProblemCode = problemCode;
        Detail = detail;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ProblemCode { get; }

    public string? Detail { get; }

    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode statusCode, string? problemCode, string? detail)
    {
        var code = problemCode is null ? string.Empty : $" {problemCode}";
        var text = string.IsNullOrEmpty(detail) ? string.Empty : $": {detail}";
        return $"The provisioning service answered {(int)statusCode}{code}{text}";
    }
}
