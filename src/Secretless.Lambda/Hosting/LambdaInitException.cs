namespace Secretless.Lambda.Hosting;

/// <summary>
/// The function cannot start (unknown handler, bad or non-AWS backend configuration). Reported to
/// <c>/runtime/init/error</c> with <see cref="ErrorType"/>; the process then exits non-zero.
/// </summary>
public sealed class LambdaInitException : Exception
{
    public const string ConfigurationErrorType = "Runtime.ConfigurationError";

    public LambdaInitException()
        : this("The function cannot start.")
    {
    }

    public LambdaInitException(string message)
        : this(message, innerException: null)
    {
    }

    public LambdaInitException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorType = ConfigurationErrorType;
    }

    /// <summary>The <c>errorType</c> reported to Lambda.</summary>
    public string ErrorType { get; }
}
