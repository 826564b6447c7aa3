namespace Secretless.Aws.Http;

/// <summary>
/// An AWS service answered with an error. <see cref="ErrorCode"/> is the exception name the
/// official SDKs use (<c>ResourceAlreadyExistsException</c>), taken from the
/// <c>x-amzn-ErrorType</c> header, else the body's <c>code</c>, else its <c>__type</c>, with any
/// <c>namespace#</c> prefix and <c>:suffix</c> removed. Compare it with <see cref="AwsErrorCodes"/>.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException()
    {
    }

    public AwsServiceException(string message)
        : base(message)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsServiceException(string service, string operation, int statusCode, string errorCode, string message, string? requestId)
        : base($"{service} {operation} failed with {statusCode} {errorCode}: {message}")
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ServiceMessage = message;
        RequestId = requestId;
    }

    /// <summary>The signing name of the service (<c>acm-pca</c>, <c>iot</c>).</summary>
    public string Service { get; } = "";

    public string Operation { get; } = "";

    public int StatusCode { get; }

    /// <summary>The SDK's exception name, e.g. <c>ThrottlingException</c>; <c>Unknown</c> when none was sent.</summary>
    public string ErrorCode { get; } = "Unknown";

    /// <summary>The service's own message (body <c>message</c> or <c>Message</c>), possibly empty.</summary>
    public string ServiceMessage { get; } = "";

    /// <summary>The <c>x-amzn-RequestId</c> of the failed call, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>Throttling as the SDKs classify it: ThrottlingException, LimitExceededException (IoT) or HTTP 429.</summary>
    public bool IsThrottling =>
        StatusCode == 429
        || ErrorCode is AwsErrorCodes.Throttling or AwsErrorCodes.ThrottledException or AwsErrorCodes.TooManyRequests
        || (Service == "iot" && ErrorCode == AwsErrorCodes.LimitExceeded);

    /// <summary>Worth retrying with backoff: throttling or a server-side (5xx) fault.</summary>
    public bool IsRetryable => IsThrottling || StatusCode >= 500;
}
