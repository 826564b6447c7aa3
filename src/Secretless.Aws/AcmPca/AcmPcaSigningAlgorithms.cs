namespace Secretless.Aws.AcmPca;

/// <summary>Which IssueCertificate SigningAlgorithm a CA key can produce.</summary>
public static class AcmPcaSigningAlgorithms
{
    /// <summary>
    /// The signing algorithm matching the CA's <c>KeyAlgorithm</c> (<c>EC_prime256v1</c> →
    /// <c>SHA256WITHECDSA</c>, <c>RSA_*</c> → <c>SHA256WITHRSA</c>, …); for a key this code does not
    /// know, the CA's own configured <paramref name="caSigningAlgorithm"/>.
    /// </summary>
    public static string ForKeyAlgorithm(string keyAlgorithm, string? caSigningAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(keyAlgorithm);
        return keyAlgorithm switch
        {
            "EC_prime256v1" => "SHA256WITHECDSA",
            "EC_secp384r1" => "SHA384WITHECDSA",
            "EC_secp521r1" => "SHA512WITHECDSA",
            "SM2" => "SM3WITHSM2",
            "ML_DSA_44" or "ML_DSA_65" or "ML_DSA_87" => keyAlgorithm,
            _ when keyAlgorithm.StartsWith("RSA_", StringComparison.Ordinal) => "SHA256WITHRSA",
            _ => caSigningAlgorithm ?? throw new InvalidOperationException(
                $"ACM PCA CA key algorithm '{keyAlgorithm}' is unknown and the CA names no signing algorithm; set the SigningAlgorithm option."),
        };
    }
}
