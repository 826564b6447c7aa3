namespace Secretless.Local.Pki;

/// <summary>The data directory has no local PKI yet: run <c>secretless pki init</c>.</summary>
public sealed class LocalPkiNotInitializedException : InvalidOperationException
{
    public LocalPkiNotInitializedException()
        : base("The local PKI is not initialized. Run 'secretless pki init'.")
    {
    }

    public LocalPkiNotInitializedException(string message)
        : base(message)
    {
    }

    public LocalPkiNotInitializedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalPkiNotInitializedException(string pkiDirectory, string missingFile)
        : base($"The local PKI in '{pkiDirectory}' is not initialized ({missingFile} is missing). Run 'secretless pki init --data <dir>' first.")
    {
        PkiDirectory = pkiDirectory;
    }

    public string? PkiDirectory { get; }
}
