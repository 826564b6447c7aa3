using System.Text.Json.Serialization;
using Secretless.Aws.Http;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// The parts of ACM PCA's <c>CertificateAuthority</c> structure the backend uses (unknown members
/// are ignored). Timestamps arrive as epoch seconds, sometimes in exponent form.
/// </summary>
public sealed record CertificateAuthorityDescription(
    string Arn,
    CertificateAuthorityConfiguration? CertificateAuthorityConfiguration,
    string? Status,
    string? Type,
    string? Serial,
    string? OwnerAccount,
    string? UsageMode,
    string? KeyStorageSecurityStandard,
    string? FailureReason,
    [property: JsonConverter(typeof(EpochSecondsJsonConverter))] DateTimeOffset? CreatedAt,
    [property: JsonConverter(typeof(EpochSecondsJsonConverter))] DateTimeOffset? LastStateChangeAt,
    [property: JsonConverter(typeof(EpochSecondsJsonConverter))] DateTimeOffset? NotBefore,
    [property: JsonConverter(typeof(EpochSecondsJsonConverter))] DateTimeOffset? NotAfter);
