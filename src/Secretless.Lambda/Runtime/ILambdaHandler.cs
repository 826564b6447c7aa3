namespace Secretless.Lambda.Runtime;

/// <summary>One function's logic behind <see cref="LambdaRuntimeLoop"/>: event JSON in, response JSON out.</summary>
public interface ILambdaHandler
{
    /// <summary>
    /// Answers one invocation. <paramref name="ct"/> fires at the invocation's deadline. An exception
    /// is reported to the Runtime API as the invocation's error; the loop goes on.
    /// </summary>
    Task<byte[]> HandleAsync(byte[] eventJson, LambdaInvocationContext context, CancellationToken ct);

    /// <summary>
    /// Runs after the response was posted and before the next invocation is asked for: Lambda freezes
    /// the process only then, so work that must outlive the answer (a 202's issuance) finishes here.
    /// </summary>
    Task AfterResponseAsync(CancellationToken ct) => Task.CompletedTask;
}
