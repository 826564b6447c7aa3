namespace Secretless.Aws.Iot;

/// <summary>ListCertificatesByCA output.</summary>
public sealed record ListCertificatesByCAResponse
{
    public IReadOnlyList<IotCertificateSummary>? Certificates { get; init; }

    public string? NextMarker { get; init; }
}
