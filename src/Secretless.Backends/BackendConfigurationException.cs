namespace Secretless.Backends;

/// <summary>
/// The <c>Secretless:*</c> configuration cannot be used. <see cref="Problems"/> holds every problem
/// found, one numbered message each naming the configuration key, so all can be fixed in one go.
/// </summary>
public sealed class BackendConfigurationException : Exception
{
    public BackendConfigurationException()
        : this([])
    {
    }

    public BackendConfigurationException(string message)
        : this([message])
    {
    }

    public BackendConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public BackendConfigurationException(IReadOnlyList<string> problems)
        : base(problems.Count == 0 ? "The Secretless configuration is invalid." : string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
