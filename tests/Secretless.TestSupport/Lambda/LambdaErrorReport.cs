namespace Secretless.TestSupport.Lambda;

/// <summary>An error body a function POSTed to the Runtime API (<c>…/error</c> or <c>/runtime/init/error</c>).</summary>
/// <param name="ErrorType">The body's <c>errorType</c>.</param>
/// <param name="ErrorMessage">The body's <c>errorMessage</c>.</param>
/// <param name="FunctionErrorTypeHeader">The <c>Lambda-Runtime-Function-Error-Type</c> header, if sent.</param>
/// <param name="RawBody">The body as sent.</param>
public sealed record LambdaErrorReport(string? ErrorType, string? ErrorMessage, string? FunctionErrorTypeHeader, string RawBody);
