namespace Secretless.Aws.AcmPca;

/// <summary>
/// ACM PCA <c>Validity</c>: <see cref="Type"/> <c>ABSOLUTE</c> takes <see cref="Value"/> as epoch
/// seconds; <c>DAYS</c>/<c>MONTHS</c>/<c>YEARS</c> as a span from issuance. Members go on the wire
/// in this order (Value, Type), as the official SDK sends a caller-built structure.
/// </summary>
public sealed record Validity(long Value, string Type)
{
    public const string Absolute = "ABSOLUTE";

    public const string Days = "DAYS";

    /// <summary>An exact instant, to the second.</summary>
    public static Validity At(DateTimeOffset instant) => new(instant.ToUnixTimeSeconds(), Absolute);
}
