using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>MQTTnet's client over mutual TLS, trusting only the local PKI (as a device would).</summary>
internal sealed class MqttTestClient : IAsyncDisposable
{
    private readonly X509Certificate2? _certificate;

    private MqttTestClient(IMqttClient client, X509Certificate2? certificate)
    {
        Client = client;
        _certificate = certificate;
        client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Disconnected.TrySetResult(e);
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public Channel<MqttApplicationMessage> Received { get; } = Channel.CreateUnbounded<MqttApplicationMessage>();

    public TaskCompletionSource<MqttClientDisconnectedEventArgs> Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static MqttTestClient Create(ProvisionedThing? identity)
    {
        var certificate = identity is null ? null : X509Certificate2.CreateFromPemFile(identity.CertificatePath, identity.PrivateKeyPath);
        return new MqttTestClient(new MqttClientFactory().CreateMqttClient(), certificate);
    }

    public static MqttClientOptions Options(BrokerTestEnvironment environment, string clientId, X509Certificate2? certificate, MqttProtocolVersion version)
    {
        var root = environment.Pki.RootCertificate;
        var issuing = environment.Pki.IssuingCertificate;
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithTargetHost("localhost")
            .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithCertificateValidationHandler(e =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.ExtraStore.Add(issuing);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return e.Certificate is X509Certificate2 server && chain.Build(server);
            });
        if (certificate is not null)
        {
            tls = tls.WithClientCertificates([certificate]);
        }

        return new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", environment.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls.Build())
            .Build();
    }

    public Task<MqttClientConnectResult> ConnectAsync(BrokerTestEnvironment environment, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500)
        => Client.ConnectAsync(Options(environment, clientId, _certificate, version), CancellationToken.None);

    /// <summary>The next message received, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<MqttApplicationMessage?> NextMessageAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await Received.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync();
        }

        Client.Dispose();
        _certificate?.Dispose();
    }
}
