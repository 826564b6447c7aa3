using System.Diagnostics;
using System.Text;

namespace Secretless.TestSupport.Lambda;

/// <summary>
/// The published <c>bootstrap</c> (artifacts/lambda/bootstrap) running as a real process against its
/// own <see cref="LambdaRuntimeApiEmulator"/>, with the environment Lambda gives a
/// <c>provided.al2023</c> function (<c>AWS_LAMBDA_RUNTIME_API</c>, <c>_HANDLER</c>,
/// <c>AWS_LAMBDA_FUNCTION_NAME</c>, …) plus the caller's variables. Disposing kills it.
/// </summary>
public sealed class LambdaFunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private LambdaFunctionProcess(Process process, LambdaRuntimeApiEmulator runtimeApi, string handler)
    {
        _process = process;
        RuntimeApi = runtimeApi;
        Handler = handler;
    }

    /// <summary>The Runtime API the function polls; invoke through it.</summary>
    public LambdaRuntimeApiEmulator RuntimeApi { get; }

    /// <summary>The <c>_HANDLER</c> value: <c>authorizer</c> or <c>issuer</c>.</summary>
    public string Handler { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the function wrote to stdout and stderr so far (its CloudWatch log).</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <see cref="FunctionPaths.PublishedBootstrap"/> with <paramref name="handler"/>.</summary>
    public static Task<LambdaFunctionProcess> StartAsync(string handler, IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
        => StartAsync(FunctionPaths.PublishedBootstrap, handler, environment, ct);

    /// <summary>Starts the given bootstrap executable with <paramref name="handler"/>; returns once the process runs.</summary>
    public static async Task<LambdaFunctionProcess> StartAsync(string bootstrapPath, string handler, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        var runtimeApi = await LambdaRuntimeApiEmulator.StartAsync(ct);
        var startInfo = new ProcessStartInfo(bootstrapPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(bootstrapPath)!,
        };

        // Lambda's environment, not the test runner's: nothing (credentials, DOTNET_*) leaks in by accident.
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        startInfo.Environment["LANG"] = "en_US.UTF-8";
        startInfo.Environment["TZ"] = ":UTC";
        startInfo.Environment["LAMBDA_TASK_ROOT"] = startInfo.WorkingDirectory;
        startInfo.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.RuntimeApiAddress;
        startInfo.Environment["_HANDLER"] = handler;
        startInfo.Environment["AWS_LAMBDA_FUNCTION_NAME"] = $"secretless-{handler}";
        startInfo.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        startInfo.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        startInfo.Environment["AWS_REGION"] = "us-east-1";
        startInfo.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var function = new LambdaFunctionProcess(process, runtimeApi, handler);
        process.OutputDataReceived += (_, e) => function.Append(e.Data);
        process.ErrorDataReceived += (_, e) => function.Append(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            await runtimeApi.DisposeAsync();
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>Invokes the function through its Runtime API (see <see cref="LambdaRuntimeApiEmulator.InvokeAsync"/>).</summary>
    public Task<LambdaInvocation> InvokeAsync(byte[] eventJson, TimeSpan timeout, CancellationToken ct)
        => RuntimeApi.InvokeAsync(eventJson, timeout, ct);

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        await _process.WaitForExitAsync(ct).WaitAsync(timeout, ct);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
            await RuntimeApi.DisposeAsync();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
