using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Secretless.Device.Mqtt;

/// <summary>
/// An open MQTT session of one device. Publishes and subscribes with QoS 1 and reports the
/// endpoint's acknowledgement; a refusal (failure reason code, or the endpoint closing the
/// session) is a <see cref="DeviceMqttRefusedException"/>. Dispose to disconnect.
/// </summary>
public sealed class DeviceMqttSession : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly DeviceMqttConnectionOptions _options;
    private readonly TaskCompletionSource<DeviceMqttReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<DeviceMqttMessage> _received = Channel.CreateUnbounded<DeviceMqttMessage>();
    private bool _connected;

    internal DeviceMqttSession(IMqttClient client, DeviceMqttConnectionOptions options)
    {
        _client = client;
        _options = options;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public string ClientId => _options.ClientId;

    /// <summary>The CONNACK reason code (0 Success).</summary>
    public DeviceMqttReason ConnectReason { get; private set; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages delivered on this session's subscriptions, in arrival order.</summary>
    public ChannelReader<DeviceMqttMessage> ReceivedMessages => _received.Reader;

    /// <summary>
    /// Completes when the endpoint closes the session, with the DISCONNECT reason code it sent
    /// (e.g. 152 AdministrativeAction, 135 NotAuthorized; 0 when it just closed the connection).
    /// </summary>
    public Task<DeviceMqttReason> Closed => _closed.Task;

    /// <summary>Publishes with QoS 1 and returns the PUBACK; throws when the endpoint refuses or closes the session.</summary>
    public async Task<DeviceMqttPublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        MqttClientPublishResult result;
        try
        {
            using var timeout = Timeout(cancellationToken);
            result = await _client.PublishAsync(message, timeout.Token);
        }
        catch (Exception exception) when (IsSessionLoss(exception, cancellationToken))
        {
            throw await SessionLostAsync(DeviceMqttRefusalStage.Publish, $"publish to '{topic}'", exception);
        }

        var reason = DeviceMqttReason.From(result.ReasonCode);
        if (!reason.IsSuccess)
        {
            throw new DeviceMqttRefusedException(
                $"{DeviceMqttConnector.Address(_options)} refused the publish to '{topic}': PUBACK {reason}{DeviceMqttConnector.Suffix(result.ReasonString)}",
                DeviceMqttRefusalStage.Publish,
                reason,
                result.ReasonString,
                null);
        }

        return new DeviceMqttPublishResult(topic, payload.Length, reason, result.ReasonString);
    }

    /// <summary>Subscribes with QoS 1 and returns the granted code; throws when the endpoint refuses or closes the session.</summary>
    public async Task<DeviceMqttReason> SubscribeAsync(string topicFilter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicFilter);
        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter => filter.WithTopic(topicFilter).WithAtLeastOnceQoS())
            .Build();
        MqttClientSubscribeResult result;
        try
        {
            using var timeout = Timeout(cancellationToken);
            result = await _client.SubscribeAsync(subscription, timeout.Token);
        }
        catch (Exception exception) when (IsSessionLoss(exception, cancellationToken))
        {
            throw await SessionLostAsync(DeviceMqttRefusalStage.Subscribe, $"subscribe to '{topicFilter}'", exception);
        }

        var reason = DeviceMqttReason.From(result.Items.Single().ResultCode);
        if (!reason.IsSuccess)
        {
            throw new DeviceMqttRefusedException(
                $"{DeviceMqttConnector.Address(_options)} refused the subscription to '{topicFilter}': SUBACK {reason}{DeviceMqttConnector.Suffix(result.ReasonString)}",
                DeviceMqttRefusalStage.Subscribe,
                reason,
                result.ReasonString,
                null);
        }

        return reason;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.Timeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
            catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or IOException)
            {
                // The connection is going away either way; a clean DISCONNECT is a courtesy.
            }
        }

        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.Dispose();
        _received.Writer.TryComplete();
    }

    internal void MarkConnected(DeviceMqttReason reason)
    {
        ConnectReason = reason;
        _connected = true;
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        return timeout;
    }

    private static bool IsSessionLoss(Exception exception, CancellationToken cancellationToken)
        => exception is MqttCommunicationException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<Exception> SessionLostAsync(DeviceMqttRefusalStage stage, string what, Exception exception)
    {
        // The DISCONNECT (with its reason) may be processed just after the failed request.
        DeviceMqttReason? reason;
        try
        {
            reason = await _closed.Task.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            reason = null;
        }

        var detail = reason is { } r ? $"the endpoint closed the session (DISCONNECT {r})" : "no acknowledgement";
        return new DeviceMqttRefusedException(
            $"{DeviceMqttConnector.Address(_options)} did not accept the {what}: {detail}",
            stage,
            reason,
            null,
            exception);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (_connected)
        {
            _closed.TrySetResult(DeviceMqttReason.From(args.Reason));
        }

        _received.Writer.TryComplete();
        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        _received.Writer.TryWrite(new DeviceMqttMessage(message.Topic, message.Payload.ToArray()));
        return Task.CompletedTask;
    }
}
