using System.Security.Cryptography.X509Certificates;

namespace Secretless.TestSupport.Aws;

/// <summary>One certificate the fake Private CA issued, and how many more polls answer "in progress".</summary>
public sealed record PcaIssuedCertificate(
    string Arn,
    string SerialHex,
    X509Certificate2 Certificate,
    int RemainingInProgressPolls,
    string? IdempotencyToken,
    DateTimeOffset IssuedAt);
