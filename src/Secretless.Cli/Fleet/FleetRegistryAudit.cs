using Secretless.Core.Registry;
using Secretless.Local.Registry;

namespace Secretless.Cli.Fleet;

/// <summary>
/// Reads the local registry after a fleet run. Each simulated device sends one CSR, so a device
/// with more than one registered certificate (or more than one on its thing) is a duplicate
/// issuance; an ACTIVE certificate for a fleet device other than the one the device received
/// is an orphan.
/// </summary>
internal static class FleetRegistryAudit
{
    private const int PageSize = 1000;

    public static async Task<(int Duplicates, int Orphans)> RunAsync(
        SqliteThingRegistry registry, IReadOnlyList<FleetDeviceResult> results, CancellationToken cancellationToken)
    {
        var received = results.ToDictionary(r => r.DeviceId, r => r.CertificateId, StringComparer.Ordinal);
        var certificatesPerDevice = new Dictionary<string, int>(StringComparer.Ordinal);
        var orphans = 0;
        string? after = null;
        while (true)
        {
            var page = await registry.ListCertificatesAsync(after, PageSize, cancellationToken);
            foreach (var certificate in page)
            {
                var deviceId = certificate.Subject.StartsWith("CN=", StringComparison.Ordinal) ? certificate.Subject[3..] : certificate.Subject;
                if (!received.TryGetValue(deviceId, out var receivedId))
                {
                    continue;
                }

                certificatesPerDevice[deviceId] = certificatesPerDevice.GetValueOrDefault(deviceId) + 1;
                if (certificate.Status == CertificateStatus.Active && !string.Equals(certificate.CertificateId, receivedId, StringComparison.Ordinal))
                {
                    orphans++;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].CertificateId;
        }

        var duplicates = 0;
        foreach (var result in results)
        {
            var thing = await registry.GetThingAsync(result.DeviceId, cancellationToken);
            if (certificatesPerDevice.GetValueOrDefault(result.DeviceId) > 1 || thing is { Principals.Count: > 1 })
            {
                duplicates++;
            }
        }

        return (duplicates, orphans);
    }
}
