using System.Net;
using Microsoft.Extensions.Logging;
using Secretless.Core.Registry;

namespace Secretless.Local.Mqtt;

/// <summary>The broker's log messages; event ids 3000–3099 are reserved for it.</summary>
internal static partial class LocalMqttBrokerLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "MQTT broker listening on {Address} port {Port} (TLS 1.2/1.3, client certificate required)")]
    public static partial void Started(ILogger logger, System.Net.IPAddress address, int port);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "MQTT broker stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "TLS handshake refused: the client sent no certificate")]
    public static partial void TlsCertificateMissing(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "TLS handshake refused: certificate {CertificateId} ({Subject}) does not chain to the local PKI: {ChainStatus}")]
    public static partial void TlsCertificateUntrusted(ILogger logger, string certificateId, string subject, string chainStatus);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "TLS handshake refused: certificate {CertificateId} ({Subject}) is not for client authentication (no clientAuth extended key usage)")]
    public static partial void TlsCertificateNotForClientAuth(ILogger logger, string certificateId, string subject);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "TLS handshake refused: the client certificate could not be checked")]
    public static partial void TlsValidationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "TLS handshake with {RemoteEndPoint} did not complete: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Accepting an MQTT connection failed; still listening")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "The MQTT connection from {RemoteEndPoint} failed unexpectedly; closed it")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning,
        Message = "CONNECT refused for client id '{ClientId}' (certificate {CertificateId}): {Reason}; reason code {ReasonCode}")]
    public static partial void ConnectRefused(ILogger logger, string clientId, string certificateId, string reason, MQTTnet.Protocol.MqttConnectReasonCode reasonCode);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information,
        Message = "Client '{ClientId}' connected as thing '{ThingName}' with certificate {CertificateId} (MQTT {ProtocolVersion})")]
    public static partial void Connected(ILogger logger, string clientId, string thingName, string certificateId, MQTTnet.Formatter.MqttProtocolVersion protocolVersion);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error,
        Message = "CONNECT refused for client id '{ClientId}': the connection could not be checked; reason code ServerUnavailable")]
    public static partial void ConnectCheckFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Client '{ClientId}' disconnected ({DisconnectType})")]
    public static partial void Disconnected(ILogger logger, string clientId, MQTTnet.Server.MqttClientDisconnectType disconnectType);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning,
        Message = "PUBLISH by '{ClientId}' to '{Topic}' refused: {Reason}; {Consequence}")]
    public static partial void PublishRefused(ILogger logger, string clientId, string topic, string reason, string consequence);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning,
        Message = "SUBSCRIBE by '{ClientId}' to '{TopicFilter}' refused: {Reason}; reason code NotAuthorized")]
    public static partial void SubscribeRefused(ILogger logger, string clientId, string topicFilter, string reason);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information,
        Message = "Delivery of '{Topic}' to '{ClientId}' dropped: {Reason}")]
    public static partial void DeliveryDropped(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error,
        Message = "{Operation} by or to '{ClientId}' refused: the request could not be checked")]
    public static partial void AuthorizationFailed(ILogger logger, string operation, string clientId, Exception exception);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning,
        Message = "Closing the session of '{ClientId}': certificate {CertificateId} is now {Status}")]
    public static partial void SessionRevoked(ILogger logger, string clientId, string certificateId, CertificateStatus status);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning,
        Message = "Reading the certificate status-change feed failed; retrying at the next poll")]
    public static partial void RevocationPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "Closing the session of '{ClientId}' failed; retrying at the next poll")]
    public static partial void DisconnectFailed(ILogger logger, string clientId, Exception exception);
}
