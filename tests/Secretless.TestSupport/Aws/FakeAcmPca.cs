using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// The fake AWS Private CA: one ACTIVE subordinate CA (EC P-256, SHA256WITHECDSA) under an
/// in-memory root. Issuance is asynchronous the way ACM PCA's is: GetCertificate answers
/// RequestInProgressException <see cref="InProgressPolls"/> times per certificate first.
/// All members are safe to use from parallel tests.
/// </summary>
public sealed class FakeAcmPca
{
    public const string DefaultCertificateAuthorityArn = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70";

    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromMinutes(5);

    /// <summary>ACM PCA back-dates NotBefore by 60 minutes unless ValidityNotBefore says otherwise.</summary>
    private static readonly TimeSpan DefaultBackdate = TimeSpan.FromMinutes(60);

    private static readonly Dictionary<string, HashAlgorithmName> SigningAlgorithms = new(StringComparer.Ordinal)
    {
        ["SHA256WITHECDSA"] = HashAlgorithmName.SHA256,
        ["SHA384WITHECDSA"] = HashAlgorithmName.SHA384,
        ["SHA512WITHECDSA"] = HashAlgorithmName.SHA512,
    };

    private static readonly HashSet<string> RsaSigningAlgorithms = new(StringComparer.Ordinal)
    {
        "SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA", "SM3WITHSM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
    };

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly InMemoryCertificateAuthority _root;
    private readonly InMemoryCertificateAuthority _issuing;
    private readonly Dictionary<string, PcaIssuedCertificate> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Arn, DateTimeOffset At)> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private int _inProgressPolls;
    private int _issueCount;

    internal FakeAcmPca(TimeProvider clock, int inProgressPolls, DateTimeOffset now)
    {
        _clock = clock;
        _inProgressPolls = inProgressPolls;
        _root = InMemoryCertificateAuthority.CreateRoot("CN=Secretless Fake Root CA, O=Secretless Fake, C=US", now.AddYears(-2), now.AddYears(20));
        _issuing = _root.CreateSubordinate("CN=Secretless Fake Device Issuing CA, O=Secretless Fake, C=US", now.AddYears(-1), now.AddYears(10));
    }

    public string CertificateAuthorityArn { get; } = DefaultCertificateAuthorityArn;

    /// <summary>The subordinate CA that signs issued certificates.</summary>
    public X509Certificate2 IssuingCaCertificate => _issuing.Certificate;

    public X509Certificate2 RootCertificate => _root.Certificate;

    /// <summary>CA status; anything but ACTIVE makes IssueCertificate answer InvalidStateException.</summary>
    public string Status { get; set; } = "ACTIVE";

    /// <summary>GetCertificate answers RequestInProgressException this many times per certificate issued from now on.</summary>
    public int InProgressPolls
    {
        get => Volatile.Read(ref _inProgressPolls);
        set => Volatile.Write(ref _inProgressPolls, value);
    }

    /// <summary>How many certificates were actually issued (idempotent repeats do not count).</summary>
    public int IssueCount => Volatile.Read(ref _issueCount);

    /// <summary>Serials (lower-case hex, no colons) revoked through RevokeCertificate.</summary>
    public IReadOnlyCollection<string> RevokedSerials
    {
        get
        {
            lock (_gate)
            {
                return [.. _revoked];
            }
        }
    }

    /// <summary>Issued certificates by certificate ARN.</summary>
    public IReadOnlyDictionary<string, PcaIssuedCertificate> IssuedCertificates
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, PcaIssuedCertificate>(_issued);
            }
        }
    }

    /// <summary>The issuing CA then the root, PEM, newline-separated (GetCertificate's CertificateChain).</summary>
    public string ChainPem => _issuing.Pem + "\n" + _root.Pem;

    internal void EnsureCertificateAuthority(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw new FakeAwsServiceError("ValidationException", "1 validation error detected: Value null at 'certificateAuthorityArn' failed to satisfy constraint: Member must not be null");
        }

        if (!string.Equals(arn, CertificateAuthorityArn, StringComparison.Ordinal))
        {
            throw new FakeAwsServiceError("ResourceNotFoundException", $"Could not find certificate authority {arn}.");
        }
    }

    internal string Issue(string? caArn, byte[] csr, string? signingAlgorithm, JsonElement validity, JsonElement? validityNotBefore, string? templateArn, string? idempotencyToken)
    {
        EnsureCertificateAuthority(caArn);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (idempotencyToken is not null && _tokens.TryGetValue(idempotencyToken, out var earlier) && now - earlier.At < IdempotencyWindow)
            {
                return earlier.Arn;
            }
        }

        if (Status != "ACTIVE")
        {
            throw new FakeAwsServiceError("InvalidStateException", "The certificate authority is not in a valid state for issuing certificates.");
        }

        var hash = SigningHash(signingAlgorithm);
        var extendedKeyUsages = TemplateKeyUsages(templateArn);
        var request = SigningRequests.TryLoad(csr)
            ?? throw new FakeAwsServiceError("MalformedCSRException", "The certificate signing request is invalid.");
        var notAfter = PcaValidity.Resolve(validity, now, "validity");
        var notBefore = validityNotBefore is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } start
            ? PcaValidity.Resolve(start, now, "validityNotBefore")
            : now - DefaultBackdate;
        if (notAfter <= notBefore || notAfter <= now)
        {
            throw new FakeAwsServiceError("ValidationException", "The certificate validity period must end after it starts and after the time of issuance.");
        }

        if (notAfter > _issuing.Certificate.NotAfter.ToUniversalTime() || notBefore < _issuing.Certificate.NotBefore.ToUniversalTime())
        {
            throw new FakeAwsServiceError("ValidationException", "The certificate validity specified exceeds the certificate authority validity.");
        }

        var certificate = _issuing.IssueEndEntity(request.SubjectName, request.PublicKey, notBefore, notAfter, hash, extendedKeyUsages);
        var arn = $"{CertificateAuthorityArn}/certificate/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        lock (_gate)
        {
            // A concurrent request with the same token may have won while we were signing.
            if (idempotencyToken is not null && _tokens.TryGetValue(idempotencyToken, out var winner) && now - winner.At < IdempotencyWindow)
            {
                certificate.Dispose();
                return winner.Arn;
            }

            _issued[arn] = new PcaIssuedCertificate(arn, certificate.SerialNumber.ToLowerInvariant(), certificate, InProgressPolls, idempotencyToken, now);
            if (idempotencyToken is not null)
            {
                _tokens[idempotencyToken] = (arn, now);
            }

            _issueCount++;
        }

        return arn;
    }

    /// <summary>The leaf PEM once issuance has "finished"; RequestInProgressException until then.</summary>
    internal string GetCertificatePem(string? caArn, string? certificateArn)
    {
        EnsureCertificateAuthority(caArn);
        lock (_gate)
        {
            if (certificateArn is null || !_issued.TryGetValue(certificateArn, out var issued))
            {
                throw new FakeAwsServiceError("ResourceNotFoundException", $"Could not find certificate {certificateArn}.");
            }

            if (issued.RemainingInProgressPolls > 0)
            {
                _issued[certificateArn] = issued with { RemainingInProgressPolls = issued.RemainingInProgressPolls - 1 };
                var id = certificateArn[(certificateArn.LastIndexOf('/') + 1)..];
                throw new FakeAwsServiceError("RequestInProgressException", $"The request to issue certificate {id} is still in progress.");
            }

            return issued.Certificate.ExportCertificatePem();
        }
    }

    internal void Revoke(string? caArn, string? serial, string? reason)
    {
        EnsureCertificateAuthority(caArn);
        string[] reasons = ["UNSPECIFIED", "KEY_COMPROMISE", "CERTIFICATE_AUTHORITY_COMPROMISE", "AFFILIATION_CHANGED", "SUPERSEDED", "CESSATION_OF_OPERATION", "PRIVILEGE_WITHDRAWN", "A_A_COMPROMISE"];
        if (reason is null || !reasons.Contains(reason))
        {
            throw new FakeAwsServiceError("ValidationException", $"Value '{reason}' at 'revocationReason' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", reasons)}]");
        }

        var normalized = NormalizeSerial(serial);
        lock (_gate)
        {
            if (!_issued.Values.Any(c => NormalizeSerial(c.SerialHex) == normalized))
            {
                throw new FakeAwsServiceError("ResourceNotFoundException", $"Could not find certificate with serial {serial}.");
            }

            if (!_revoked.Add(normalized))
            {
                throw new FakeAwsServiceError("RequestAlreadyProcessedException", $"Certificate with serial {serial} is already revoked.");
            }
        }
    }

    internal static string NormalizeSerial(string? serial)
    {
        var hex = (serial ?? "").Replace(":", "", StringComparison.Ordinal).Trim().ToLowerInvariant().TrimStart('0');
        if (hex.Length == 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new FakeAwsServiceError("InvalidArgsException", $"The certificate serial '{serial}' is not a hexadecimal serial number.");
        }

        return hex;
    }

    private static HashAlgorithmName SigningHash(string? signingAlgorithm)
    {
        if (signingAlgorithm is not null && SigningAlgorithms.TryGetValue(signingAlgorithm, out var hash))
        {
            return hash;
        }

        if (signingAlgorithm is not null && RsaSigningAlgorithms.Contains(signingAlgorithm))
        {
            throw new FakeAwsServiceError("InvalidArgsException", $"The signing algorithm {signingAlgorithm} is not compatible with the key algorithm EC_prime256v1 of the certificate authority.");
        }

        throw new FakeAwsServiceError("ValidationException", $"Value '{signingAlgorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set.");
    }

    private static OidCollection TemplateKeyUsages(string? templateArn)
    {
        const string ClientAuth = "1.3.6.1.5.5.7.3.2";
        const string ServerAuth = "1.3.6.1.5.5.7.3.1";
        string[] oids = templateArn switch
        {
            null or "arn:aws:acm-pca:::template/EndEntityCertificate/V1" => [ServerAuth, ClientAuth],
            "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1" => [ClientAuth],
            "arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1" => [ServerAuth],
            _ => throw new FakeAwsServiceError("InvalidArgsException", $"The template {templateArn} is not supported for this certificate authority."),
        };
        var collection = new OidCollection();
        foreach (var oid in oids)
        {
            collection.Add(new Oid(oid));
        }

        return collection;
    }
}
