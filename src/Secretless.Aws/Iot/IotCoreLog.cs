using Microsoft.Extensions.Logging;

namespace Secretless.Aws.Iot;

/// <summary>Log messages of the AWS IoT Core backends; event ids 4350–4399. CSRs, PEMs and policy documents are never logged.</summary>
internal static partial class IotCoreLog
{
    [LoggerMessage(EventId = 4350, Level = LogLevel.Information, Message = "Registered certificate {CertificateId} with AWS IoT ({Mode})")]
    public static partial void CertificateRegistered(ILogger logger, string certificateId, IotCertificateRegistrationMode mode);

    [LoggerMessage(EventId = 4351, Level = LogLevel.Information, Message = "Certificate {CertificateId} was already registered with AWS IoT; making it ACTIVE")]
    public static partial void CertificateAlreadyRegistered(ILogger logger, string certificateId);

    [LoggerMessage(EventId = 4352, Level = LogLevel.Debug, Message = "Thing {ThingName} ensured (created: {Created})")]
    public static partial void ThingEnsured(ILogger logger, string thingName, bool created);

    [LoggerMessage(EventId = 4353, Level = LogLevel.Information, Message = "Policy {PolicyName} ensured (created: {Created})")]
    public static partial void PolicyEnsured(ILogger logger, string policyName, bool created);

    [LoggerMessage(EventId = 4354, Level = LogLevel.Debug, Message = "Attached policy {PolicyName} to certificate {CertificateId}")]
    public static partial void PolicyAttached(ILogger logger, string policyName, string certificateId);

    [LoggerMessage(EventId = 4359, Level = LogLevel.Debug, Message = "Attached certificate {CertificateId} to thing {ThingName}")]
    public static partial void ThingPrincipalAttached(ILogger logger, string certificateId, string thingName);

    [LoggerMessage(EventId = 4355, Level = LogLevel.Information, Message = "Certificate {CertificateId} set {Status} (changed: {Changed})")]
    public static partial void StatusSet(ILogger logger, string certificateId, string status, bool changed);

    [LoggerMessage(EventId = 4356, Level = LogLevel.Information, Message = "AWS IoT device data endpoint is {Endpoint}")]
    public static partial void EndpointResolved(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4357, Level = LogLevel.Information, Message = "AWS IoT issued certificate {CertificateId} for device {DeviceId} (active: {Active})")]
    public static partial void CertificateIssued(ILogger logger, string certificateId, string deviceId, bool active);

    [LoggerMessage(EventId = 4358, Level = LogLevel.Warning,
        Message = "AWS IoT {Operation} is unavailable ({StatusCode} {ErrorCode}); devices are told to retry after {RetryAfter}")]
    public static partial void Unavailable(ILogger logger, string operation, int statusCode, string errorCode, TimeSpan retryAfter);
}
