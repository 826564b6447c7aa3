using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Secretless.Server.Hosting;

/// <summary>
/// Turns the listen URLs into Kestrel endpoints: HTTPS (TLS 1.2/1.3) unless a URL says http://.
/// </summary>
internal static class KestrelListenConfigurator
{
    /// <summary>Kestrel's default header limit (32 KB → 431), stated so a change is deliberate.</summary>
    public const int MaxRequestHeadersTotalSize = 32 * 1024;

    public static void Configure(KestrelServerOptions kestrel, IReadOnlyList<ServerUrl> urls, Func<ServerTlsIdentity> tlsIdentity)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        // Devices send the CSR in a header; a body is ignored, so there is no reason to accept a large one.
        kestrel.Limits.MaxRequestBodySize = 64 * 1024;

        foreach (var url in urls)
        {
            Action<ListenOptions> configure = listen =>
            {
                listen.Protocols = url.IsHttps ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                if (url.IsHttps)
                {
                    var identity = tlsIdentity();
                    if (identity.FollowsLocalPki)
                    {
                        // Per handshake, so a CA rotation reaches new connections without a restart.
                        listen.UseHttps(new TlsHandshakeCallbackOptions
                        {
                            OnConnection = _ => ValueTask.FromResult(identity.CreateAuthenticationOptions()),
                        });
                        return;
                    }

                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = identity.Certificate,
                        ServerCertificateChain = identity.Chain,
                        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    });
                }
            };

            switch (url.BindKind)
            {
                case ServerBindKind.Localhost:
                    kestrel.ListenLocalhost(url.Port, configure);
                    break;
                case ServerBindKind.AnyAddress:
                    kestrel.ListenAnyIP(url.Port, configure);
                    break;
                default:
                    kestrel.Listen(url.Address ?? IPAddress.Loopback, url.Port, configure);
                    break;
            }
        }
    }
}
