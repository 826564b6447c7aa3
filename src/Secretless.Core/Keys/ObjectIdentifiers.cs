namespace Secretless.Core.Keys;

/// <summary>The object identifiers the core recognises.</summary>
internal static class ObjectIdentifiers
{
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string CurveP256 = "1.2.840.10045.3.1.7";
    public const string CurveP384 = "1.3.132.0.34";
    public const string CurveP521 = "1.3.132.0.35";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string Ed25519 = "1.3.101.112";
    public const string Ed448 = "1.3.101.113";
    public const string Dsa = "1.2.840.10040.4.1";

    public const string EcdsaWithSha1 = "1.2.840.10045.4.1";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";
    public const string Md2WithRsa = "1.2.840.113549.1.1.2";
    public const string Md5WithRsa = "1.2.840.113549.1.1.4";
    public const string Sha1WithRsa = "1.2.840.113549.1.1.5";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string Mgf1 = "1.2.840.113549.1.1.8";

    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public const string CommonName = "2.5.4.3";
}
