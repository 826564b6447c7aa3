using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Tests.Mqtt;

/// <summary>A device provisioned over <c>/new</c>: its id, certificate id and TLS client identity.</summary>
internal sealed record ProvisionedDevice(string DeviceId, string CertificateId, X509Certificate2 Identity) : IDisposable
{
    public void Dispose() => Identity.Dispose();
}
