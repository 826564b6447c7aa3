namespace Secretless.TestSupport.Aws;

/// <summary>The HTTP status AWS IoT answers each error code with (fixtures README table plus the model's other errors).</summary>
internal static class IotErrorStatus
{
    public static int For(string errorCode) => errorCode switch
    {
        "InvalidRequestException" or "CertificateValidationException" or "MalformedPolicyException" => 400,
        "UnauthorizedException" => 401,
        "AccessDeniedException" or "InvalidSignatureException" or "UnrecognizedClientException"
            or "MissingAuthenticationTokenException" or "IncompleteSignatureException" => 403,
        "ResourceNotFoundException" or "UnknownOperationException" => 404,
        "CertificateStateException" => 406,
        "ResourceAlreadyExistsException" or "VersionConflictException" or "DeleteConflictException" or "CertificateConflictException" => 409,
        "LimitExceededException" => 410,
        "ThrottlingException" => 429,
        "InternalFailureException" => 500,
        "ServiceUnavailableException" => 503,
        _ => 400,
    };
}
