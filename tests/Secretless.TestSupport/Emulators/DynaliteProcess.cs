using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.DynamoDb;
using Xunit;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// A real dynalite (npm, installed by scripts/install-node-tools.sh into .tools/) on a free
/// loopback port, in memory; killed on dispose. dynalite cannot bind port 0, so a free port is
/// picked and another one tried when something took it first. Tests isolate themselves with
/// their own table names.
/// </summary>
public sealed class DynaliteProcess : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private const int ReadinessProbes = 300;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>dynalite accepts any credentials but the SDK still signs; these are fixed for the tests.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("dynalite", "dynalite-secret");

    /// <summary>A table name no other test uses.</summary>
    public static string NewTableName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    public DynamoDbDeviceDirectoryOptions DirectoryOptions(string tableName) => new()
    {
        TableName = tableName,
        ServiceUrl = ServiceUrl,
        Credentials = Credentials,
        CreateTableIfMissing = true,
    };

    public DynamoDbIssuanceLedgerOptions LedgerOptions(string tableName) => new()
    {
        TableName = tableName,
        ServiceUrl = ServiceUrl,
        Credentials = Credentials,
        CreateTableIfMissing = true,
    };

    public AmazonDynamoDBClient CreateClient() => DynamoDbClientFactory.Create(DirectoryOptions("any-table"));

    public static DynamoDbDeviceDirectory CreateDirectory(DynamoDbDeviceDirectoryOptions options, TimeProvider? timeProvider = null) =>
        new(DynamoDbClientFactory.Create(options), options, timeProvider ?? TimeProvider.System, NullLogger<DynamoDbDeviceDirectory>.Instance);

    public DynamoDbIssuanceLedger CreateLedger(string tableName) =>
        new(DynamoDbClientFactory.Create(LedgerOptions(tableName)), LedgerOptions(tableName), TimeProvider.System, NullLogger<DynamoDbIssuanceLedger>.Instance);

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "node_modules", ".bin", "dynalite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"dynalite is not installed at {executable}. Run scripts/install-node-tools.sh once (it installs dynalite 4.0.0 with npm into .tools/), then rerun the tests.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort.Next();
            if (await TryStartAsync(executable, port))
            {
                ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
                return;
            }

            // Another process took the port between our probe and dynalite's bind: pick another.
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"dynalite did not start after {StartAttempts} attempts. Its output:{Environment.NewLine}{Output()}");
            }
        }
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
    }

    /// <summary>Starts dynalite on the port and waits (a bounded number of probes) until it accepts connections.</summary>
    private async Task<bool> TryStartAsync(string executable, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // In memory (no --path); tables become ACTIVE at once so CreateTableIfMissing does not wait.
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
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
        throw new InvalidOperationException($"dynalite did not accept connections on port {port} after {ReadinessProbes} probes. Its output:{Environment.NewLine}{Output()}");
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
