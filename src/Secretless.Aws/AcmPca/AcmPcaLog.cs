using Microsoft.Extensions.Logging;

namespace Secretless.Aws.AcmPca;

/// <summary>The ACM PCA certificate authority's log messages; event ids 4250–4299. CSRs and certificates are never logged.</summary>
internal static partial class AcmPcaLog
{
    [LoggerMessage(EventId = 4250, Level = LogLevel.Information,
        Message = "ACM PCA signing algorithm {SigningAlgorithm} chosen for CA key {KeyAlgorithm} of {CertificateAuthorityArn}")]
    public static partial void SigningAlgorithmResolved(ILogger logger, string signingAlgorithm, string keyAlgorithm, string certificateAuthorityArn);

    [LoggerMessage(EventId = 4251, Level = LogLevel.Debug,
        Message = "ACM PCA accepted issuance for device {DeviceId}: {CertificateArn}")]
    public static partial void IssueRequested(ILogger logger, string deviceId, string certificateArn);

    [LoggerMessage(EventId = 4252, Level = LogLevel.Debug,
        Message = "ACM PCA certificate {CertificateArn} still in progress after {Polls} polls; polling again in {Delay}")]
    public static partial void StillInProgress(ILogger logger, string certificateArn, int polls, TimeSpan delay);

    [LoggerMessage(EventId = 4253, Level = LogLevel.Information,
        Message = "ACM PCA issued certificate {SerialNumber} for device {DeviceId} ({CertificateArn}) after {Polls} polls")]
    public static partial void Issued(ILogger logger, string serialNumber, string deviceId, string certificateArn, int polls);

    [LoggerMessage(EventId = 4254, Level = LogLevel.Warning,
        Message = "ACM PCA certificate {CertificateArn} was still in progress at the {Deadline} deadline; the device is told to retry after {RetryAfter} (the same CSR reuses the idempotency token)")]
    public static partial void DeadlinePassed(ILogger logger, string certificateArn, TimeSpan deadline, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4255, Level = LogLevel.Warning,
        Message = "ACM PCA {Operation} is unavailable ({StatusCode} {ErrorCode}); devices are told to retry after {RetryAfter}")]
    public static partial void Unavailable(ILogger logger, string operation, int statusCode, string errorCode, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4256, Level = LogLevel.Warning,
        Message = "ACM PCA {Operation} could not be reached; devices are told to retry after {RetryAfter}")]
    public static partial void Unreachable(ILogger logger, Exception exception, string operation, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4257, Level = LogLevel.Error,
        Message = "ACM PCA {Operation} on {CertificateAuthorityArn} was rejected with {StatusCode} {ErrorCode}: {ServiceMessage} (request id {RequestId}). {Hint}")]
    public static partial void Rejected(ILogger logger, string operation, string certificateAuthorityArn, int statusCode, string errorCode, string serviceMessage, string? requestId, string hint);

    [LoggerMessage(EventId = 4258, Level = LogLevel.Information,
        Message = "ACM PCA revoked certificate {SerialNumber} ({Reason})")]
    public static partial void Revoked(ILogger logger, string serialNumber, string reason);

    [LoggerMessage(EventId = 4259, Level = LogLevel.Information,
        Message = "ACM PCA certificate {SerialNumber} was already revoked")]
    public static partial void AlreadyRevoked(ILogger logger, string serialNumber);
}
