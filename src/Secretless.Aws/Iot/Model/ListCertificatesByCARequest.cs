namespace Secretless.Aws.Iot;

/// <summary>ListCertificatesByCA input.</summary>
public sealed record ListCertificatesByCARequest
{
    public required string CaCertificateId { get; init; }

    public int? PageSize { get; init; }

    public string? Marker { get; init; }

    public bool? AscendingOrder { get; init; }
}
