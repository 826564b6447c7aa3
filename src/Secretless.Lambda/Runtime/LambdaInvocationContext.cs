namespace Secretless.Lambda.Runtime;

/// <summary>What the Runtime API says about one invocation (from its <c>…/next</c> headers).</summary>
/// <param name="RequestId"><c>Lambda-Runtime-Aws-Request-Id</c>.</param>
/// <param name="Deadline"><c>Lambda-Runtime-Deadline-Ms</c>: when Lambda stops the invocation.</param>
/// <param name="TraceId"><c>Lambda-Runtime-Trace-Id</c>, if any.</param>
/// <param name="InvokedFunctionArn"><c>Lambda-Runtime-Invoked-Function-Arn</c>, if any.</param>
public sealed record LambdaInvocationContext(string RequestId, DateTimeOffset Deadline, string? TraceId, string? InvokedFunctionArn);
