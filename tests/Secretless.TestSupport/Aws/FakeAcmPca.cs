using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// The fake AWS Private CA: one ACTIVE subordinate CA (EC P-256, SHA256WITHECDSA) under an
/// in-memory root, and more created with <see cref="CreateCertificateAuthority"/> (CA rotation). Issuance is asynchronous the way ACM PCA's is: GetCertificate answers
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
    private readonly FakePcaAuthority _default;
    private readonly Dictionary<string, FakePcaAuthority> _authorities = new(StringComparer.Ordinal);
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
        _default = new FakePcaAuthority(
            DefaultCertificateAuthorityArn,
            _root.CreateSubordinate("CN=Secretless Fake Device Issuing CA, O=Secretless Fake, C=US", now.AddYears(-1), now.AddYears(10)),
            now.AddYears(-1));
        _authorities[_default.Arn] = _default;
    }

    /// <summary>The default CA's ARN.</summary>
    public string CertificateAuthorityArn => _default.Arn;

    /// <summary>The default subordinate CA that signs issued certificates.</summary>
    public X509Certificate2 IssuingCaCertificate => _default.Issuing.Certificate;

    public X509Certificate2 RootCertificate => _root.Certificate;

    /// <summary>The default CA's status; anything but ACTIVE makes IssueCertificate answer InvalidStateException.</summary>
    public string Status
    {
        get => _default.Status;
        set => _default.ChangeStatus(value, _clock.GetUtcNow());
    }

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

    /// <summary>The default issuing CA then the root, PEM, newline-separated (GetCertificate's CertificateChain).</summary>
    public string ChainPem => ChainPemOf(_default);

    /// <summary>
    /// Test setup: another subordinate CA under the same root (a new ARN), as an operator creates one
    /// for rotation; its status is <paramref name="status"/> (e.g. PENDING_CERTIFICATE to test refusals).
    /// </summary>
    public string CreateCertificateAuthority(string commonName, string status = "ACTIVE")
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        var now = _clock.GetUtcNow();
        var arn = $"arn:aws:acm-pca:{FakeAwsEndpoint.Region}:{FakeAwsEndpoint.AccountId}:certificate-authority/{Guid.NewGuid()}";
        var authority = new FakePcaAuthority(arn, _root.CreateSubordinate($"CN={commonName}, O=Secretless Fake, C=US", now.AddMinutes(-5), now.AddYears(10)), now);
        authority.ChangeStatus(status, now);
        lock (_gate)
        {
            _authorities[arn] = authority;
        }

        return arn;
    }

    /// <summary>The certificate of the CA with <paramref name="arn"/>.</summary>
    public X509Certificate2 CertificateAuthorityCertificate(string arn) => EnsureCertificateAuthority(arn).Issuing.Certificate;

    /// <summary>Sets a CA's status (ACTIVE, DISABLED, EXPIRED, …), as UpdateCertificateAuthority or expiry would.</summary>
    public void SetStatus(string arn, string status) => EnsureCertificateAuthority(arn).ChangeStatus(status, _clock.GetUtcNow());

    internal string ChainPemOf(FakePcaAuthority authority) => authority.Issuing.Pem + "\n" + _root.Pem;

    internal FakePcaAuthority EnsureCertificateAuthority(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw new FakeAwsServiceError("ValidationException", "1 validation error detected: Value null at 'certificateAuthorityArn' failed to satisfy constraint: Member must not be null");
        }

        lock (_gate)
        {
            return _authorities.GetValueOrDefault(arn)
                ?? throw new FakeAwsServiceError("ResourceNotFoundException", $"Could not find certificate authority {arn}.");
        }
    }

    internal string Issue(string? caArn, byte[] csr, string? signingAlgorithm, JsonElement validity, JsonElement? validityNotBefore, string? templateArn, string? idempotencyToken)
    {
        var authority = EnsureCertificateAuthority(caArn);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (idempotencyToken is not null && _tokens.TryGetValue(idempotencyToken, out var earlier) && now - earlier.At < IdempotencyWindow)
            {
                return earlier.Arn;
            }
        }

        if (authority.Status != "ACTIVE")
        {
            throw new FakeAwsServiceError("InvalidStateException", "The certificate authority is not in a valid state for issuing certificates.");
        }

        var hash = SigningHash(signingAlgorithm);
        var extendedKeyUsages = PcaTemplates.ExtendedKeyUsages(templateArn);
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

        if (notAfter > authority.Issuing.Certificate.NotAfter.ToUniversalTime() || notBefore < authority.Issuing.Certificate.NotBefore.ToUniversalTime())
        {
            throw new FakeAwsServiceError("ValidationException", "The certificate validity specified exceeds the certificate authority validity.");
        }

        var certificate = authority.Issuing.IssueEndEntity(request.SubjectName, request.PublicKey, notBefore, notAfter, hash, extendedKeyUsages);
        var arn = $"{authority.Arn}/certificate/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
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
        var authority = EnsureCertificateAuthority(caArn);
        lock (_gate)
        {
            if (certificateArn is null || !IssuedBy(authority, certificateArn) || !_issued.TryGetValue(certificateArn, out var issued))
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
        var authority = EnsureCertificateAuthority(caArn);
        string[] reasons = ["UNSPECIFIED", "KEY_COMPROMISE", "CERTIFICATE_AUTHORITY_COMPROMISE", "AFFILIATION_CHANGED", "SUPERSEDED", "CESSATION_OF_OPERATION", "PRIVILEGE_WITHDRAWN", "A_A_COMPROMISE"];
        if (reason is null || !reasons.Contains(reason))
        {
            throw new FakeAwsServiceError("ValidationException", $"Value '{reason}' at 'revocationReason' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", reasons)}]");
        }

        var normalized = NormalizeSerial(serial);
        lock (_gate)
        {
            if (!_issued.Values.Any(c => IssuedBy(authority, c.Arn) && NormalizeSerial(c.SerialHex) == normalized))
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

    private static bool IssuedBy(FakePcaAuthority authority, string certificateArn) =>
        certificateArn.StartsWith(authority.Arn + "/certificate/", StringComparison.Ordinal);

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
}
