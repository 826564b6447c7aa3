namespace Secretless.Lambda.Events;

/// <summary>The body of the Runtime API's error routes (<c>…/error</c>, <c>/runtime/init/error</c>).</summary>
public sealed record LambdaErrorBody(string ErrorMessage, string ErrorType);
