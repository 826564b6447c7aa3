using Microsoft.Extensions.Logging;

namespace Secretless.Lambda.Logging;

/// <summary>The Lambda host's log events (ids 5000–5099). Never a CSR, a key or a secret.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Function started: handler {Handler}, backends {Backends}, init {InitMilliseconds} ms.")]
    public static partial void Started(ILogger logger, string handler, string backends, long initMilliseconds);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Critical, Message = "Function cannot start ({ErrorType}): {Reason}")]
    public static partial void InitFailed(ILogger logger, string errorType, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Invocation {RequestId} received ({EventBytes} bytes).")]
    public static partial void InvocationReceived(ILogger logger, string requestId, int eventBytes);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Debug, Message = "Invocation {RequestId} answered ({ResponseBytes} bytes).")]
    public static partial void InvocationAnswered(ILogger logger, string requestId, int responseBytes);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Invocation {RequestId} failed; reported as {ErrorType}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string requestId, string errorType);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "Work after the answer of invocation {RequestId} failed.")]
    public static partial void AfterResponseFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Authorizer allowed device {DeviceId}.")]
    public static partial void AuthorizerAllowed(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Authorizer denied {PrincipalId}: {Status} {Code}.")]
    public static partial void AuthorizerDenied(ILogger logger, string principalId, int status, string code);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Information, Message = "Authorizer passed refusal {Status} {Code} to the issuer.")]
    public static partial void AuthorizerPassedRefusal(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Issuer answered the authorizer's refusal {Status} {Code}.")]
    public static partial void IssuerAnsweredAuthorizerRefusal(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Issuer refused: {Status} {Code}.")]
    public static partial void IssuerRefused(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "Issuer provisioned certificate {CertificateId}.")]
    public static partial void IssuerProvisioned(ILogger logger, string certificateId);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Information, Message = "Issuer answered with a payload URL valid until {ExpiresAt:O}.")]
    public static partial void IssuerAnsweredPayloadUrl(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Error, Message = "Issuer failed unexpectedly; answered an empty 500.")]
    public static partial void IssuerFailedUnexpectedly(ILogger logger, Exception exception);
}
