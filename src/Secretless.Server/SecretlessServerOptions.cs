using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Server.Hosting;

namespace Secretless.Server;

/// <summary>How the provisioning server listens and where its state lives.</summary>
public sealed class SecretlessServerOptions
{
    /// <summary>Where the server listens when no URL is given.</summary>
    public const string DefaultUrl = "https://127.0.0.1:8443";

    /// <summary>
    /// Listen URLs in the ASP.NET convention (<c>https://127.0.0.1:8443</c>, <c>http://localhost:8080</c>,
    /// <c>https://*:8443</c>; port 0 picks a free port). Plain HTTP only when a URL says <c>http://</c>.
    /// </summary>
    public IReadOnlyList<string> Urls { get; set; } = [DefaultUrl];

    /// <summary>
    /// The local data directory (database and PKI). Used for the TLS certificate and the CA chain
    /// path when the backends do not register a <c>LocalPki</c> themselves.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>A TLS certificate (with private key) to use instead of one issued by the local CA.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>Issuers sent with <see cref="ServerCertificate"/> in the TLS handshake.</summary>
    public X509Certificate2Collection? ServerCertificateChain { get; set; }

    /// <summary>Logging providers and filters (the CLI adds its console here); none by default.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Called once the server listens: bound addresses and the CA chain file.</summary>
    public Action<ServerStartedInfo>? OnStarted { get; set; }

    /// <summary>How long <c>GET /health/ready</c> waits for the backends.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Latent delivery (202 + pre-signed URL): mode, deadline, URL lifetime, Retry-After. Applies when
    /// the backends register an <c>IPayloadStore</c> (the local stack does).
    /// </summary>
    public LatentDeliveryOptions LatentDelivery { get; set; } = new();

    /// <summary>How often expired payloads are deleted from the payload store.</summary>
    public TimeSpan PayloadCleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Finish issuances a crash interrupted (ledger state Issued) before the server listens.</summary>
    public bool ResumeIssuancesAtStartup { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public IReadOnlyList<ServerUrl> Validate()
    {
        if (Urls is null || Urls.Count == 0)
        {
            throw new ArgumentException("SL2001: SecretlessServerOptions.Urls is empty; give at least one URL such as " + DefaultUrl + ".", nameof(Urls));
        }

        var parsed = Urls.Select(ServerUrl.Parse).ToList();
        if (ReadinessTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("SL2002: SecretlessServerOptions.ReadinessTimeout must be positive.", nameof(ReadinessTimeout));
        }

        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("SL2003: SecretlessServerOptions.ServerCertificate has no private key.", nameof(ServerCertificate));
        }

        if (LatentDelivery is null)
        {
            throw new ArgumentException("SL2006: SecretlessServerOptions.LatentDelivery must not be null.", nameof(LatentDelivery));
        }

        LatentDelivery.Validate();
        if (PayloadCleanupInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SL2007: SecretlessServerOptions.PayloadCleanupInterval must be positive.", nameof(PayloadCleanupInterval));
        }

        return parsed;
    }
}
