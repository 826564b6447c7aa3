namespace Secretless.Device;

/// <summary>
/// Every failure was one worth retrying, but the overall deadline came first. The last failure
/// is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class ProvisioningGaveUpException : ProvisioningException
{
    public ProvisioningGaveUpException()
    {
    }

    public ProvisioningGaveUpException(string message)
        : base(message)
    {
    }

    public ProvisioningGaveUpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProvisioningGaveUpException(ProvisioningStep step, int attempts, TimeSpan elapsed, Exception lastFailure)
        : base($"Provisioning gave up at {step} after {attempts} attempts in {elapsed.TotalSeconds:0.0} s: {lastFailure.Message}", lastFailure)
    {
        Step = step;
        Attempts = attempts;
    }

    /// <summary>The exchange that kept failing.</summary>
    public ProvisioningStep Step { get; }

    /// <summary>HTTP exchanges made in all.</summary>
    public int Attempts { get; }
}
