using System.Text.Json.Serialization;
using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>
/// Source-generated JSON for the AWS IoT control plane (REST-JSON): camelCase members as the
/// model names them, unset members left out, epoch-second timestamps.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(CreateCertificateFromCsrBody))]
[JsonSerializable(typeof(RegisterCertificateBody))]
[JsonSerializable(typeof(RegisterCertificateWithoutCABody))]
[JsonSerializable(typeof(RegisterCACertificateBody))]
[JsonSerializable(typeof(UpdateCACertificateBody))]
[JsonSerializable(typeof(CreateThingBody))]
[JsonSerializable(typeof(CreatePolicyBody))]
[JsonSerializable(typeof(PolicyTargetBody))]
[JsonSerializable(typeof(CreateCertificateFromCsrResponse))]
[JsonSerializable(typeof(RegisterCertificateResponse))]
[JsonSerializable(typeof(RegisterCertificateWithoutCAResponse))]
[JsonSerializable(typeof(RegisterCACertificateResponse))]
[JsonSerializable(typeof(UpdateCACertificateResponse))]
[JsonSerializable(typeof(DescribeCertificateResponse))]
[JsonSerializable(typeof(UpdateCertificateResponse))]
[JsonSerializable(typeof(DeleteCertificateResponse))]
[JsonSerializable(typeof(CreateThingResponse))]
[JsonSerializable(typeof(DescribeThingResponse))]
[JsonSerializable(typeof(DeleteThingResponse))]
[JsonSerializable(typeof(CreatePolicyResponse))]
[JsonSerializable(typeof(GetPolicyResponse))]
[JsonSerializable(typeof(AttachPolicyResponse))]
[JsonSerializable(typeof(DetachPolicyResponse))]
[JsonSerializable(typeof(AttachThingPrincipalResponse))]
[JsonSerializable(typeof(DetachThingPrincipalResponse))]
[JsonSerializable(typeof(ListThingPrincipalsResponse))]
[JsonSerializable(typeof(DescribeEndpointResponse))]
[JsonSerializable(typeof(GetRegistrationCodeResponse))]
[JsonSerializable(typeof(ListCertificatesByCAResponse))]
internal sealed partial class IotJsonContext : JsonSerializerContext
{
}
