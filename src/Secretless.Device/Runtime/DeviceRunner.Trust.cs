using System.Net;
using System.Security.Authentication;

namespace Secretless.Device.Runtime;

/// <summary>
/// Following a CA rotation: the endpoint's TLS certificate may come from an intermediate the
/// device has not seen yet (servers often send only their leaf). The device then fetches the
/// current chain from <c>GET /ca</c> — over TLS that must itself chain to its roots — and trusts
/// the intermediates in it, still anchored at its own self-signed roots only.
/// </summary>
public sealed partial class DeviceRunner
{
    private static readonly TimeSpan CaChainRequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Refreshes the known CA chain; returns whether it changed.</summary>
    private async Task<bool> TryRefreshCaChainAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient(DeviceHttpHandlerFactory.Create(_knownCaPem)) { Timeout = CaChainRequestTimeout };
            using var response = await http.GetAsync(ProvisioningHttp.Resolve(_options.Server, "ca"), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var caChainPem = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!caChainPem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) || _knownCaPem.Contains(caChainPem, StringComparison.Ordinal))
            {
                return false;
            }

            _knownCaPem = _options.TrustedCaPem + "\n" + caChainPem;
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or AuthenticationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
