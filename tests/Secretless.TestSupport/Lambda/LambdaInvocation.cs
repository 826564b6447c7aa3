namespace Secretless.TestSupport.Lambda;

/// <summary>
/// How one invocation through <see cref="LambdaRuntimeApiEmulator"/> ended: the function's response
/// payload, or the error it (or its initialization) reported to the Runtime API.
/// </summary>
/// <param name="RequestId">The <c>Lambda-Runtime-Aws-Request-Id</c> the function was given.</param>
/// <param name="Succeeded">True when the function POSTed <c>…/response</c>.</param>
/// <param name="Payload">The response body (empty when not <paramref name="Succeeded"/>).</param>
/// <param name="ErrorType">The reported <c>errorType</c> (null when <paramref name="Succeeded"/>).</param>
/// <param name="ErrorMessage">The reported <c>errorMessage</c> (null when <paramref name="Succeeded"/>).</param>
/// <param name="InitializationFailed">True when the function reported <c>/runtime/init/error</c> instead.</param>
public sealed record LambdaInvocation(
    string RequestId,
    bool Succeeded,
    byte[] Payload,
    string? ErrorType,
    string? ErrorMessage,
    bool InitializationFailed = false);
