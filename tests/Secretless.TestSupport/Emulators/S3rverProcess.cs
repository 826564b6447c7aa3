using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Secretless.Aws.Delivery;
using Xunit;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// A real s3rver (npm, installed by scripts/install-node-tools.sh into .tools/) on a free loopback port
/// with a fresh data directory and one bucket; killed and cleaned up on dispose.
/// </summary>
public sealed class S3rverProcess : IAsyncLifetime
{
    public const string BucketName = "secretless-payloads";

    // s3rver accepts only this access key (and secret); it does not verify signatures otherwise.
    private const string AccessKey = "S3RVER";
    private const int StartAttempts = 3;
    private const int ReadinessProbes = 300;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"secretless-s3rver-{Guid.NewGuid():N}");
    private Process? _process;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, AccessKey);

    /// <summary>Options for a store on this s3rver; each test passes its own prefix so tests never see each other's objects.</summary>
    public S3PayloadStoreOptions CreateOptions(string keyPrefix) => new()
    {
        BucketName = BucketName,
        KeyPrefix = keyPrefix,
        ServiceUrl = ServiceUrl,
        ForcePathStyle = true,
        UseChunkEncoding = false,
        ServerSideEncryption = S3ServerSideEncryption.None,
        MaxErrorRetry = 0,
        Credentials = Credentials,
    };

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"s3rver is not installed at {executable}. Run scripts/install-node-tools.sh once (it installs s3rver 3.7.1 with npm into .tools/), then rerun the tests.");
        }

        Directory.CreateDirectory(_dataDirectory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort.Next();
            if (await TryStartAsync(executable, port))
            {
                ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }

            // Another process took the port between our probe and s3rver's bind: pick another.
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"s3rver did not start after {StartAttempts} attempts. Its output:{Environment.NewLine}{Output()}");
            }
        }

        using var client = S3PayloadStoreClientFactory.Create(CreateOptions("setup/"));
        await client.PutBucketAsync(new PutBucketRequest { BucketName = BucketName });
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>Starts s3rver on the port and waits (a bounded number of probes) until it accepts connections.</summary>
    private async Task<bool> TryStartAsync(string executable, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node's OpenSSL 3 only
        // offers through the legacy provider; without it every paged listing answers 500.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (var argument in new[] { "-d", _dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--address", "127.0.0.1", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        for (var probe = 0; probe < ReadinessProbes; probe++)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                process.Dispose();
                return false;
            }

            if (await AcceptsConnectionsAsync(port))
            {
                _process = process;
                return true;
            }

            await Task.Delay(ProbeInterval);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        throw new InvalidOperationException($"s3rver did not accept connections on port {port} after {ReadinessProbes} probes. Its output:{Environment.NewLine}{Output()}");
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
