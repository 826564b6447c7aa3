using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Registry;
using Secretless.Device.Mqtt;
using Secretless.Local;
using Secretless.Local.Mqtt;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;

namespace Secretless.Device.Tests.Mqtt;

/// <summary>
/// The real server with the embedded MQTT broker on a free loopback port, over the real local
/// backends, and devices provisioned through the real <c>/new</c>.
/// </summary>
internal sealed class MqttTestStack : IAsyncDisposable
{
    private MqttTestStack(RunningServer server)
    {
        Server = server;
        Broker = server.GetRequiredService<LocalMqttBroker>();
    }

    public RunningServer Server { get; }

    public LocalMqttBroker Broker { get; }

    public SqliteThingRegistry Registry => Server.GetRequiredService<SqliteThingRegistry>();

    public static async Task<MqttTestStack> StartAsync()
    {
        var server = await RunningServer.StartAsync(services =>
        {
            var dataDirectory = (SecretlessDataDirectory)services.First(d => d.ServiceType == typeof(SecretlessDataDirectory)).ImplementationInstance!;
            services.AddLocalMqttBroker(dataDirectory, broker => broker.Port = 0);
        });
        return new MqttTestStack(server);
    }

    /// <summary>Imports a fresh P-256 device, provisions it over HTTPS and returns its identity.</summary>
    public async Task<ProvisionedDevice> ProvisionAsync(string deviceId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await Server.ImportDeviceAsync(deviceId, key.ExportSubjectPublicKeyInfo());
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(Server.CaChainPem));
        var result = await new ProvisioningClient(http).ProvisionAsync(deviceId, key, Server.BaseUri, null, CancellationToken.None);
        return new ProvisionedDevice(deviceId, result.CertificateId, DeviceMqttCredentials.Create(result.CertificatePem, key));
    }

    public DeviceMqttConnectionOptions Options(X509Certificate2 certificate, string clientId, string? trustedCaPem = null, string host = "localhost", int? port = null) => new()
    {
        Host = host,
        Port = port ?? Broker.BoundPort,
        ClientId = clientId,
        ClientCertificate = certificate,
        TrustedCaPem = trustedCaPem ?? Server.CaChainPem,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public Task<bool> SetStatusAsync(string certificateId, CertificateStatus status)
        => Registry.SetCertificateStatusAsync(certificateId, status, CancellationToken.None);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
