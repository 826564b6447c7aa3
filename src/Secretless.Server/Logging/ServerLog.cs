using Microsoft.Extensions.Logging;

namespace Secretless.Server.Logging;

/// <summary>
/// Every log line the server writes, with fixed event ids (2000–2099) so operators can alert on
/// them. Never a header value, a CSR or a key.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Secretless server listening on {Addresses}; CA chain for devices: {CaChainPath}")]
    public static partial void Listening(ILogger logger, string addresses, string caChainPath);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Provisioning failed unexpectedly; answered 500")]
    public static partial void ProvisioningFailedUnexpectedly(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Request {Method} {Path} failed unexpectedly; answered 500")]
    public static partial void RequestFailedUnexpectedly(ILogger logger, string method, string path, Exception exception);

    // 2003 and 2004 repeat what the core logs with the device id (1000, 1002, 1003): Debug, so a
    // provisioning costs one Information line plus the request line, not three.
    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Provisioning refused with {Status} {Code}")]
    public static partial void ProvisioningRefused(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Provisioned certificate {CertificateId}")]
    public static partial void Provisioned(ILogger logger, string certificateId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Readiness check {Check} failed")]
    public static partial void ReadinessCheckFailed(ILogger logger, string check, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Serving plain HTTP on {Url}: certificates and CSRs travel unencrypted")]
    public static partial void PlainHttp(ILogger logger, string url);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int status, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Answered 202 with a payload URL valid until {ExpiresAt:o}")]
    public static partial void AnsweredPayloadUrl(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Refused a payload URL: {Code}")]
    public static partial void PayloadUrlRefused(ILogger logger, string code);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Issuance resume at start-up: {Resumed} completed, {StalePending} stale pending, {Failed} failed")]
    public static partial void ResumedAtStartup(ILogger logger, int resumed, int stalePending, int failed);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Error, Message = "Issuance resume at start-up failed; unfinished issuances resume on the devices' retries")]
    public static partial void ResumeAtStartupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Information, Message = "Deleted {Count} expired payloads")]
    public static partial void ExpiredPayloadsDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Warning, Message = "Deleting expired payloads failed; trying again at the next interval")]
    public static partial void PayloadCleanupFailed(ILogger logger, Exception exception);
}
