using System.Diagnostics;
using System.Text;

namespace Secretless.TestSupport;

/// <summary>Runs the real <c>openssl</c> command line, so fixtures are made the way devices make them.</summary>
public static class OpenSsl
{
    /// <summary>Runs openssl and returns its standard output; throws with stderr on a non-zero exit.</summary>
    public static async Task<string> RunAsync(
        IEnumerable<string> args,
        string? workingDirectory = null,
        CancellationToken ct = default)
        => (await RunCapturingAsync(args, workingDirectory, ct)).StandardOutput;

    /// <summary>
    /// Runs <c>openssl crl … -verify -CAfile …</c> and returns its standard output; throws unless the
    /// signature verified. openssl crl exits 0 even on "verify failure", so the exit code proves nothing.
    /// </summary>
    public static async Task<string> RunVerifyingCrlAsync(
        IEnumerable<string> args,
        string? workingDirectory = null,
        CancellationToken ct = default)
    {
        var arguments = args.ToList();
        var (stdout, stderr) = await RunCapturingAsync(arguments, workingDirectory, ct);
        if (!stderr.Contains("verify OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} did not verify the CRL: {stderr.Trim()}");
        }

        return stdout;
    }

    private static async Task<(string StandardOutput, string StandardError)> RunCapturingAsync(
        IEnumerable<string> args,
        string? workingDirectory,
        CancellationToken ct)
    {
        var arguments = args.ToList();
        var startInfo = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start openssl.");
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(ct);
        var stderrTask = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"openssl {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Trim()}");
        }

        return (stdout, stderr);
    }
}
