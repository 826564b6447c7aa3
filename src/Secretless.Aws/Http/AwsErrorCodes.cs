namespace Secretless.Aws.Http;

/// <summary>Error codes (SDK exception names) the AWS backends act on.</summary>
public static class AwsErrorCodes
{
    public const string Throttling = "ThrottlingException";
    public const string ThrottledException = "ThrottledException";
    public const string TooManyRequests = "TooManyRequestsException";
    public const string LimitExceeded = "LimitExceededException";
    public const string RequestInProgress = "RequestInProgressException";
    public const string RequestFailed = "RequestFailedException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";
    public const string InvalidState = "InvalidStateException";
    public const string InvalidRequest = "InvalidRequestException";
    public const string MalformedCsr = "MalformedCSRException";
    public const string CertificateState = "CertificateStateException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string Unauthorized = "UnauthorizedException";
    public const string AccessDenied = "AccessDeniedException";
}
