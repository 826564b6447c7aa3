using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Secretless.Core.Policies;

namespace Secretless.Local.Mqtt;

/// <summary>
/// Per-packet policy checks: iot:Publish on <c>topic/…</c>, iot:Subscribe on <c>topicfilter/…</c>
/// (the filter taken literally) and iot:Receive on <c>topic/…</c> for each delivery.
/// </summary>
/// <remarks>
/// A refused PUBLISH closes the connection when the client cannot be told otherwise — MQTT 3.1.1
/// (as AWS IoT Core does) and MQTT 5 at QoS 0 — and is answered with a PUBACK/PUBREC of reason
/// code NotAuthorized (0x87) for MQTT 5 at QoS 1/2, keeping the connection. A refused SUBSCRIBE is
/// answered with NotAuthorized (0x87; MQTT 3.1.1: Failure 0x80). A delivery the receiver may not
/// receive is dropped silently.
/// </remarks>
public sealed partial class LocalMqttBroker
{
    private Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        var clientId = e.ClientId ?? string.Empty;
        var topic = e.ApplicationMessage?.Topic ?? string.Empty;
        try
        {
            if (clientId.Length == 0)
            {
                return Task.CompletedTask; // injected by the broker itself, not by a client
            }

            if (!_sessions.TryGetValue(clientId, out var context))
            {
                RefusePublish(e, null, clientId, topic, "the connection has no authorized session");
            }
            else if (context.IsRevoked)
            {
                RefusePublish(e, context, clientId, topic, "the certificate is no longer ACTIVE");
            }
            else
            {
                var decision = context.Evaluate(IotActions.Publish, IotResourceArns.Topic(_options.Region, _options.AccountId, topic));
                if (decision != IotPolicyDecision.Allowed)
                {
                    RefusePublish(e, context, clientId, topic, $"iot:Publish on topic/{topic}: {Describe(decision)}");
                }
            }
        }
        catch (Exception exception)
        {
            LocalMqttBrokerLog.AuthorizationFailed(_logger, "PUBLISH", clientId, exception);
            e.ProcessPublish = false;
            e.CloseConnection = true;
        }

        return Task.CompletedTask;
    }

    private void RefusePublish(InterceptingPublishEventArgs e, MqttSessionContext? context, string clientId, string topic, string reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        var acknowledged = context?.ProtocolVersion == MqttProtocolVersion.V500
            && e.ApplicationMessage?.QualityOfServiceLevel is MqttQualityOfServiceLevel.AtLeastOnce or MqttQualityOfServiceLevel.ExactlyOnce;
        if (acknowledged)
        {
            e.Response.ReasonString = reason;
        }
        else
        {
            e.CloseConnection = true;
        }

        LocalMqttBrokerLog.PublishRefused(
            _logger,
            clientId,
            topic,
            reason,
            acknowledged ? "answered with reason code NotAuthorized" : "connection closed");
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var clientId = e.ClientId ?? string.Empty;
        var filter = e.TopicFilter?.Topic ?? string.Empty;
        try
        {
            string? reason = null;
            if (!_sessions.TryGetValue(clientId, out var context))
            {
                reason = "the connection has no authorized session";
            }
            else if (context.IsRevoked)
            {
                reason = "the certificate is no longer ACTIVE";
            }
            else
            {
                var decision = context.Evaluate(IotActions.Subscribe, IotResourceArns.TopicFilter(_options.Region, _options.AccountId, filter));
                if (decision != IotPolicyDecision.Allowed)
                {
                    reason = $"iot:Subscribe on topicfilter/{filter}: {Describe(decision)}";
                }
            }

            if (reason is not null)
            {
                RefuseSubscription(e, reason);
                LocalMqttBrokerLog.SubscribeRefused(_logger, clientId, filter, reason);
            }
        }
        catch (Exception exception)
        {
            LocalMqttBrokerLog.AuthorizationFailed(_logger, "SUBSCRIBE", clientId, exception);
            RefuseSubscription(e, "the request could not be checked");
        }

        return Task.CompletedTask;
    }

    private static void RefuseSubscription(InterceptingSubscriptionEventArgs e, string reason)
    {
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = reason;
    }

    private Task InterceptDeliveryAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        e.AcceptEnqueue = MayReceive(e.ReceiverClientId, e.ApplicationMessage?.Topic);
        return Task.CompletedTask;
    }

    private Task InterceptOutboundPacketAsync(InterceptingPacketEventArgs e)
    {
        // Retained messages sent on SUBSCRIBE bypass the enqueue interceptor; check them here.
        if (e.Packet is MqttPublishPacket { Retain: true } publish && !MayReceive(e.ClientId, publish.Topic))
        {
            e.ProcessPacket = false;
        }

        return Task.CompletedTask;
    }

    private bool MayReceive(string? clientId, string? topic)
    {
        clientId ??= string.Empty;
        topic ??= string.Empty;
        try
        {
            string reason;
            if (!_sessions.TryGetValue(clientId, out var context))
            {
                reason = "the receiver has no authorized session";
            }
            else if (context.IsRevoked)
            {
                reason = "the receiver's certificate is no longer ACTIVE";
            }
            else
            {
                var decision = context.Evaluate(IotActions.Receive, IotResourceArns.Topic(_options.Region, _options.AccountId, topic));
                if (decision == IotPolicyDecision.Allowed)
                {
                    return true;
                }

                reason = $"iot:Receive on topic/{topic}: {Describe(decision)}";
            }

            LocalMqttBrokerLog.DeliveryDropped(_logger, clientId, topic, reason);
            return false;
        }
        catch (Exception exception)
        {
            LocalMqttBrokerLog.AuthorizationFailed(_logger, "Delivery", clientId, exception);
            return false;
        }
    }
}
