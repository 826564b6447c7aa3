namespace Secretless.Core.Errors;

/// <summary>
/// A backend (CA, registry, directory) is throttled or down; the device should retry later
/// (503 + Retry-After). Anything else a backend throws is an unexpected issuer failure (500).
/// </summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException()
    {
    }

    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackendUnavailableException(string backend, TimeSpan retryAfter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Backend = backend;
        RetryAfter = retryAfter;
    }

    public string Backend { get; } = "backend";

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
