using System.Diagnostics;
using System.Text;

namespace Secretless.TestSupport.Processes;

/// <summary>
/// Runs the built <c>secretless</c> assembly (copied next to any test project that references
/// Secretless.Cli) as a real process (<c>dotnet secretless.dll …</c>),
/// the way a user or script does: real exit codes, real stdout/stderr separation, real signals.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(StringBuilder Stream, Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private CliProcess(Process process)
    {
        _process = process;
    }

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "secretless.dll");

    public int Id => _process.Id;

    /// <summary>Runs to completion and returns the result; fails the test after the timeout.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, environment);
        return await process.WaitForExitAsync(DefaultTimeout);
    }

    /// <summary>Starts the CLI and returns while it runs (for <c>serve</c>).</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(AssemblyPath);
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // No colors or terminal tricks in captured output; no user data directory by accident.
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment["SECRETLESS_DATA"] = Path.Combine(Path.GetTempPath(), "secretless-cli-tests-default-data");
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var cliProcess = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cliProcess.Append(cliProcess._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cliProcess.Append(cliProcess._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cliProcess;
    }

    /// <summary>Completes with the first stdout line that matches (lines already read count too).</summary>
    public Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForLineAsync(_stdout, match, timeout);

    /// <summary>Completes with the first stderr line (logs) that matches (lines already read count too).</summary>
    public Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForLineAsync(_stderr, match, timeout);

    /// <summary>SIGKILL: no shutdown code runs, as when power is cut.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task<string> WaitForLineAsync(StringBuilder stream, Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = stream.ToString().Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((stream, match, found));
        }

        var exited = _process.WaitForExitAsync();
        var winner = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        if (winner != found.Task)
        {
            throw new TimeoutException($"No matching output line (exited: {_process.HasExited}).\n{Snapshot()}");
        }

        return await found.Task;
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString()]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start kill.");
        await kill.WaitForExitAsync();
    }

    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"secretless did not exit within {timeout}.\n{Snapshot()}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach end of file.
        return Snapshot() with { ExitCode = _process.ExitCode };
    }

    public CliResult Snapshot()
    {
        lock (_gate)
        {
            return new CliResult(_process.HasExited ? _process.ExitCode : -1, _stdout.ToString(), _stderr.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(waiter => waiter.Stream == buffer && waiter.Match(line)).ToList())
            {
                waiter.Found.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}
