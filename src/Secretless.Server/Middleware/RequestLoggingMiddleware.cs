using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Secretless.Server.Logging;

namespace Secretless.Server.Middleware;

/// <summary>
/// One log line per request: method, path (no query string, no headers — the CSR travels in a
/// header), status and duration. An exception that escapes a handler becomes an empty 500.
/// </summary>
internal sealed class RequestLoggingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RequestLoggingMiddleware> _logger;

    public RequestLoggingMiddleware(RequestDelegate next, TimeProvider timeProvider, ILogger<RequestLoggingMiddleware> logger)
    {
        _next = next;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            await _next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            ServerLog.RequestFailedUnexpectedly(_logger, context.Request.Method, context.Request.Path.Value ?? "/", exception);
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var elapsedMilliseconds = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Request.Path.Value ?? "/";
            ServerLog.RequestCompleted(_logger, context.Request.Method, path, context.Response.StatusCode, elapsedMilliseconds);
        }
    }
}
