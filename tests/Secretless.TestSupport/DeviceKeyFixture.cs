using System.Security.Cryptography;
using System.Text;

namespace Secretless.TestSupport;

/// <summary>
/// A simulated device made with the openssl CLI: a private key of the given kind, its public key
/// and a CSR whose subject is <c>/CN=deviceId</c> (or the given openssl <c>-subj</c> string).
/// </summary>
public sealed class DeviceKeyFixture
{
    private readonly TemporaryDirectory _directory;
    private readonly TestCsr _csr;

    private DeviceKeyFixture(
        TemporaryDirectory directory,
        string deviceId,
        TestKeyKind kind,
        string privateKeyPath,
        string publicKeyPemPath,
        byte[] publicKeySpkiDer,
        TestCsr csr)
    {
        _directory = directory;
        DeviceId = deviceId;
        Kind = kind;
        PrivateKeyPath = privateKeyPath;
        PublicKeyPemPath = publicKeyPemPath;
        PublicKeySpkiDer = publicKeySpkiDer;
        _csr = csr;
    }

    public string DeviceId { get; }

    public TestKeyKind Kind { get; }

    /// <summary>PKCS#8 PEM private key, as openssl genpkey writes it.</summary>
    public string PrivateKeyPath { get; }

    /// <summary>"PUBLIC KEY" PEM (SPKI).</summary>
    public string PublicKeyPemPath { get; }

    /// <summary>SPKI DER of the public key as openssl encodes it (EC points uncompressed).</summary>
    public byte[] PublicKeySpkiDer { get; }

    /// <summary>The "PUBLIC KEY" PEM text.</summary>
    public string PublicKeyPem => File.ReadAllText(PublicKeyPemPath);

    /// <summary>The CSR made at creation.</summary>
    public TestCsr Csr => _csr;

    public string CsrPemPath => _csr.PemPath;

    public string CsrPem => _csr.Pem;

    public byte[] CsrDer => _csr.Der;

    /// <summary>Base64 of the CSR's PEM text, exactly as <c>base64 -w0 device.csr</c> makes it.</summary>
    public string DeviceCsrHeader => _csr.DeviceCsrHeader;

    /// <summary>Creates the key and a CSR. <paramref name="subjectOverride"/> is an openssl <c>-subj</c> string.</summary>
    public static async Task<DeviceKeyFixture> CreateAsync(
        TemporaryDirectory dir,
        string deviceId,
        TestKeyKind kind,
        string? subjectOverride = null)
    {
        ArgumentNullException.ThrowIfNull(dir);
        var stem = $"device-{Guid.NewGuid():N}";
        var privateKeyPath = dir.File(stem + ".key.pem");
        var publicKeyPath = dir.File(stem + ".pub.pem");

        await OpenSsl.RunAsync(GenPKeyArguments(kind, privateKeyPath), dir.Path);
        await OpenSsl.RunAsync(["pkey", "-in", privateKeyPath, "-pubout", "-out", publicKeyPath], dir.Path);
        var publicKeyDer = ReadPemDer(await File.ReadAllTextAsync(publicKeyPath), "PUBLIC KEY");

        var csr = await MakeCsrAsync(dir, privateKeyPath, subjectOverride ?? $"/CN={deviceId}", extraReqArgs: null);
        return new DeviceKeyFixture(dir, deviceId, kind, privateKeyPath, publicKeyPath, publicKeyDer, csr);
    }

    /// <summary>
    /// Makes another CSR for this key. <paramref name="subject"/> is an openssl <c>-subj</c> string
    /// (e.g. <c>/CN=a/CN=b</c>); <paramref name="extraReqArgs"/> are added to <c>openssl req</c>
    /// (e.g. <c>-sha384</c>, <c>-sigopt rsa_padding_mode:pss</c>).
    /// </summary>
    public Task<TestCsr> CreateCsrAsync(string subject, IEnumerable<string>? extraReqArgs = null)
        => MakeCsrAsync(_directory, PrivateKeyPath, subject, extraReqArgs);

    /// <summary>The public key as SPKI DER with the EC point in compressed form (EC keys only).</summary>
    public async Task<byte[]> ExportCompressedPublicKeyDerAsync()
    {
        if (Kind is not (TestKeyKind.EcP256 or TestKeyKind.EcP384 or TestKeyKind.EcP521))
        {
            throw new InvalidOperationException("Only EC keys have a compressed form.");
        }

        var path = _directory.File($"compressed-{Guid.NewGuid():N}.pub.der");
        await OpenSsl.RunAsync(
            ["ec", "-pubin", "-in", PublicKeyPemPath, "-conv_form", "compressed", "-outform", "DER", "-out", path],
            _directory.Path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>Reads the DER of the first PEM block with the given label.</summary>
    public static byte[] ReadPemDer(string pemText, string label)
    {
        ArgumentNullException.ThrowIfNull(pemText);
        var fields = PemEncoding.Find(pemText);
        var foundLabel = pemText[fields.Label];
        if (foundLabel != label)
        {
            throw new InvalidOperationException($"Expected PEM label '{label}', found '{foundLabel}'.");
        }

        return Convert.FromBase64String(pemText[fields.Base64Data]);
    }

    private static async Task<TestCsr> MakeCsrAsync(
        TemporaryDirectory dir,
        string privateKeyPath,
        string subject,
        IEnumerable<string>? extraReqArgs)
    {
        var csrPath = dir.File($"csr-{Guid.NewGuid():N}.csr");
        var configPath = await EnsureRequestConfigAsync(dir);
        List<string> args = ["req", "-config", configPath, "-new", "-key", privateKeyPath, "-subj", subject, "-out", csrPath];
        if (extraReqArgs is not null)
        {
            args.AddRange(extraReqArgs);
        }

        await OpenSsl.RunAsync(args, dir.Path);
        var pem = await File.ReadAllTextAsync(csrPath, Encoding.UTF8);
        var der = ReadPemDer(pem, "CERTIFICATE REQUEST");
        return new TestCsr(csrPath, pem, der);
    }

    /// <summary>
    /// A minimal <c>openssl req</c> configuration, independent of the system's openssl.cnf, that
    /// lifts OpenSSL's 64-character CN limit (X.520's upper bound) so tests can make CNs of up to
    /// AWS IoT's 128 characters and beyond.
    /// </summary>
    private static async Task<string> EnsureRequestConfigAsync(TemporaryDirectory dir)
    {
        var path = dir.File("openssl-req.cnf");
        if (!File.Exists(path))
        {
            const string config = """
                openssl_conf = openssl_init
                [openssl_init]
                stbl_section = string_table
                [string_table]
                commonName = min:1,max:1024,mask:UTF8String,flags:nomask
                [req]
                distinguished_name = dn
                default_md = sha256
                [dn]

                """;
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            await File.WriteAllTextAsync(temporary, config);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private static string[] GenPKeyArguments(TestKeyKind kind, string outPath) => kind switch
    {
        TestKeyKind.EcP256 => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:named_curve", "-out", outPath],
        TestKeyKind.EcP384 => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-pkeyopt", "ec_param_enc:named_curve", "-out", outPath],
        TestKeyKind.EcP521 => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-pkeyopt", "ec_param_enc:named_curve", "-out", outPath],
        TestKeyKind.Rsa1024 => ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", outPath],
        TestKeyKind.Rsa2048 => ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", outPath],
        TestKeyKind.Ed25519 => ["genpkey", "-algorithm", "ED25519", "-out", outPath],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown key kind."),
    };
}
