using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Secretless.TestSupport.Network;

namespace Secretless.TestSupport.Emulators;

/// <summary>
/// An npm emulator (installed by scripts/install-node-tools.sh into .tools/) running on a free
/// loopback port until disposed. The emulators cannot bind port 0, so a free port is picked and
/// another one tried when something took it first; their output is kept for the error messages.
/// </summary>
internal sealed class NodeToolProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private const int ReadinessProbes = 300;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly StringBuilder _output = new();
    private readonly string _toolName;
    private readonly string _executable;
    private readonly Func<int, IEnumerable<string>> _argumentsForPort;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    private NodeToolProcess(
        string toolName,
        string executable,
        Func<int, IEnumerable<string>> argumentsForPort,
        IReadOnlyDictionary<string, string> environment)
    {
        _toolName = toolName;
        _executable = executable;
        _argumentsForPort = argumentsForPort;
        _environment = environment;
    }

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>The tool's launcher in .tools/; throws, telling how to install it, when it is missing.</summary>
    public static string FindExecutable(string toolName, string version)
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "node_modules", ".bin", toolName);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{toolName} is not installed at {executable}. Run scripts/install-node-tools.sh once (it installs {toolName} {version} with npm into .tools/), then rerun the tests.");
        }

        return executable;
    }

    /// <summary>Starts the tool with the arguments for a free port and returns once it accepts connections.</summary>
    public static async Task<NodeToolProcess> StartAsync(
        string toolName,
        string executable,
        Func<int, IEnumerable<string>> argumentsForPort,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var tool = new NodeToolProcess(toolName, executable, argumentsForPort, environment ?? new Dictionary<string, string>());
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            if (await tool.TryStartAsync(port))
            {
                tool.ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
                return tool;
            }

            // Another process took the port between our probe and the tool's bind: pick another.
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"{toolName} did not start after {StartAttempts} attempts. Its output:{Environment.NewLine}{tool.Output()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
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

    /// <summary>Starts the tool on the port and waits (a bounded number of probes) until it accepts connections.</summary>
    private async Task<bool> TryStartAsync(int port)
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in _argumentsForPort(port))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_executable}.");
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
        throw new InvalidOperationException($"{_toolName} did not accept connections on port {port} after {ReadinessProbes} probes. Its output:{Environment.NewLine}{Output()}");
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
