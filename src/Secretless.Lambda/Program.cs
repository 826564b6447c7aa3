using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Secretless.Lambda.Hosting;
using Secretless.Lambda.Logging;
using Secretless.Lambda.Runtime;

// One binary for both functions (provided.al2023): _HANDLER picks the authorizer or the issuer,
// Secretless__… environment variables pick the backends.
var started = TimeProvider.System.GetTimestamp();
var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
if (string.IsNullOrWhiteSpace(runtimeApi))
{
    await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda function (provided.al2023), started by Lambda or a Runtime API emulator.");
    return 2;
}

var handlerName = Environment.GetEnvironmentVariable("_HANDLER");
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var services = new ServiceCollection();
services.AddLogging(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.ColorBehavior = LoggerColorBehavior.Disabled;
        console.UseUtcTimestamp = true;
        console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
    }));
services.AddSingleton(TimeProvider.System);

using var http = LambdaRuntimeLoop.CreateClient(runtimeApi);
string backends;
LambdaInitException? initError = null;
try
{
    backends = services.AddLambdaFunction(configuration, handlerName).ToString();
}
catch (LambdaInitException invalid)
{
    initError = invalid;
    backends = "";
}

await using var provider = services.BuildServiceProvider();
var logger = provider.GetRequiredService<ILogger<LambdaRuntimeLoop>>();
ILambdaHandler? handler = null;
if (initError is null)
{
    try
    {
        // Resolving builds the backends' clients: option problems the backends find surface here.
        handler = provider.GetRequiredService<ILambdaHandler>();
    }
    catch (Exception invalid) when (invalid is ArgumentException or InvalidOperationException)
    {
        initError = new LambdaInitException(invalid.Message, invalid);
    }
}

var loop = new LambdaRuntimeLoop(http, handler ?? NoHandler.Instance, TimeProvider.System, logger);
if (initError is not null)
{
    LambdaLog.InitFailed(logger, initError.ErrorType, initError.Message);
    await loop.ReportInitErrorAsync(initError.ErrorType, initError.Message, CancellationToken.None);
    return 1;
}

var initMilliseconds = (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
LambdaLog.Started(logger, handlerName!, backends, initMilliseconds);
await loop.RunAsync(CancellationToken.None);
return 0;
