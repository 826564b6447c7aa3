using System.Diagnostics;

namespace Secretless.Server.Tests.Support;

/// <summary>Runs a shell command line (curl, base64) exactly as the reference sample's devices do.</summary>
public static class Curl
{
    /// <summary>Runs <paramref name="commandLine"/> with bash; the environment variables are visible to it.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunShellAsync(
        string commandLine,
        IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(commandLine);
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
