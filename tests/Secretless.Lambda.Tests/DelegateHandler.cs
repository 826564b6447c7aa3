using Secretless.Lambda.Runtime;

namespace Secretless.Lambda.Tests;

/// <summary>A handler made of a function, for the runtime-loop tests (the loop, not our ports, is under test).</summary>
internal sealed class DelegateHandler(Func<byte[], LambdaInvocationContext, CancellationToken, Task<byte[]>> handle) : ILambdaHandler
{
    public Task<byte[]> HandleAsync(byte[] eventJson, LambdaInvocationContext context, CancellationToken ct) => handle(eventJson, context, ct);
}
