using System.Security.Authentication;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Device;
using Secretless.Local;

namespace Secretless.Cli.Commands;

/// <summary>
/// What a device does on first boot, with <see cref="ProvisioningClient"/>: trust only the given CA
/// for TLS, send the CSR, verify the answer, then store certificate and chain atomically.
/// </summary>
internal static class DeviceProvisioning
{
    private const UnixFileMode PublicFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>&lt;data&gt;/pki/ca-chain.pem</c>: right when the server runs on this machine with the same data directory.</summary>
    public static string DefaultCaPath(string dataRoot)
        => Path.Combine(new SecretlessDataDirectory(dataRoot).PkiDirectory, "ca-chain.pem");

    /// <summary>
    /// The CA chain a device trusts its <paramref name="peer"/> by: <c>--ca</c> when given, else the
    /// local PKI's chain in the data directory; exit 5 when neither exists.
    /// </summary>
    public static string ResolveCaPath(string? givenCaPath, Func<string> dataRoot, string peer)
    {
        if (givenCaPath is not null)
        {
            return givenCaPath;
        }

        var root = dataRoot();
        var caPath = DefaultCaPath(root);
        if (!File.Exists(caPath))
        {
            throw new CliException(
                ExitCodes.PkiNotInitialized,
                $"no local PKI in {root} to trust the {peer} by; pass --ca with the server's ca-chain.pem, or --data of the server's data directory.");
        }

        return caPath;
    }

    /// <summary>Provisions and returns the report; any failure becomes a <see cref="CliException"/> with its exit code.</summary>
    public static async Task<ProvisionReport> RunAsync(DeviceProvisionRequest request, CancellationToken cancellationToken)
    {
        var outcome = await TryRunAsync(request, cancellationToken);
        return outcome.Report ?? throw new CliException(outcome.ExitCode, outcome.Message);
    }

    public static async Task<DeviceProvisioningOutcome> TryRunAsync(DeviceProvisionRequest request, CancellationToken cancellationToken)
    {
        var trustedCaPem = await ReadCaAsync(request.CaChainPath, cancellationToken);
        using var key = await SimulatedSecureElement.LoadPrivateKeyAsync(request.KeyPath, cancellationToken);
        using var handler = DeviceHttpHandlerFactory.Create(trustedCaPem);
        using var http = new HttpClient(handler) { Timeout = RequestTimeout };
        var client = new ProvisioningClient(http);

        ProvisioningResult result;
        try
        {
            result = await client.ProvisionAsync(request.DeviceId, key, request.Server, trustedCaPem, cancellationToken);
        }
        catch (ProvisioningFailedException failure)
        {
            var status = (int)failure.StatusCode;
            var exitCode = status is >= 400 and < 500 ? ExitCodes.ProvisioningRefused : ExitCodes.ServerUnreachable;
            return Failed(status, failure.ProblemCode, failure.Message, exitCode, failure.Detail);
        }
        catch (CertificateVerificationException rejected)
        {
            return Failed(200, null, $"the certificate the server returned was not stored: {rejected.Message}", ExitCodes.Failure);
        }
        catch (HttpRequestException unreachable)
        {
            return Failed(null, null, $"cannot reach {request.Server}: {Describe(unreachable)}", ExitCodes.ServerUnreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(null, null, $"{request.Server} did not answer within {RequestTimeout.TotalSeconds:0} s", ExitCodes.ServerUnreachable);
        }

        Directory.CreateDirectory(request.OutDirectory);
        var certificatePath = Path.Combine(request.OutDirectory, "certificate.pem");
        var chainPath = Path.Combine(request.OutDirectory, "chain.pem");
        // Chain first: a reader that finds certificate.pem also finds the chain that goes with it.
        await AtomicFileWriter.WriteAsync(chainPath, result.CertificateChainPem, PublicFileMode, cancellationToken);
        await AtomicFileWriter.WriteAsync(certificatePath, result.CertificatePem, PublicFileMode, cancellationToken);

        var report = new ProvisionReport(request.DeviceId, result.CertificateId, result.Endpoint, result.NotAfter, certificatePath, chainPath);
        return new DeviceProvisioningOutcome(report, 200, null, "issued", ExitCodes.Ok, "issued");
    }

    private static DeviceProvisioningOutcome Failed(int? status, string? code, string message, int exitCode, string? detail = null)
        => new(null, status, code, message, exitCode, detail ?? message);

    private static async Task<string> ReadCaAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException(
                ExitCodes.Failure,
                $"CA chain {path} does not exist; pass --ca with the server's ca-chain.pem (or --data of the server's data directory).");
        }

        var pem = await File.ReadAllTextAsync(path, cancellationToken);
        if (!pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Failure, $"{path} holds no PEM certificate.");
        }

        return pem;
    }

    // HttpRequestException wraps the useful part (refused, TLS name mismatch) one level down.
    private static string Describe(HttpRequestException exception) => exception.InnerException switch
    {
        AuthenticationException tls => $"TLS failed ({tls.Message}); is --ca the server's CA chain?",
        Exception inner when exception.HttpRequestError == HttpRequestError.ConnectionError => inner.Message,
        _ => exception.Message,
    };
}
