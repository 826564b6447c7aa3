using System.Diagnostics;
using System.Text;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>Runs Debian's real <c>mosquitto_pub</c>/<c>mosquitto_sub</c> against the broker.</summary>
internal static class MosquittoClient
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
    }

    /// <summary>The TLS and identity arguments a device passes, exactly as the README shows them.</summary>
    public static List<string> ConnectionArguments(BrokerTestEnvironment environment, ProvisionedThing? identity, string clientId)
    {
        List<string> arguments = ["-h", "localhost", "-p", environment.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cafile", environment.ChainPemPath, "-i", clientId];
        if (identity is not null)
        {
            arguments.AddRange(["--cert", identity.CertificatePath, "--key", identity.PrivateKeyPath]);
        }

        return arguments;
    }

    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Start(tool, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout}: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Process Start(string tool, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {tool}.");
        process.StandardInput.Close();
        return process;
    }
}
