namespace Secretless.Lambda.Runtime;

/// <summary>Stands in for the handler when initialization failed: the loop then only reports the init error.</summary>
internal sealed class NoHandler : ILambdaHandler
{
    public static NoHandler Instance { get; } = new();

    public Task<byte[]> HandleAsync(byte[] eventJson, LambdaInvocationContext context, CancellationToken ct)
        => throw new InvalidOperationException("The function did not initialize.");
}
