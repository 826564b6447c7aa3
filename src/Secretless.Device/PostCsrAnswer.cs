using Secretless.Device.Json;

namespace Secretless.Device;

/// <summary>What <c>POST /new</c> answered: the certificate (200) or where to fetch it (202).</summary>
internal sealed record PostCsrAnswer(ProvisioningResponseBody? Issued, Uri? CertificateUrl);
