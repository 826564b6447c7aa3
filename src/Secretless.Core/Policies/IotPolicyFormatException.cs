namespace Secretless.Core.Policies;

/// <summary>An AWS IoT policy document that is not valid JSON or not a supported policy.</summary>
public sealed class IotPolicyFormatException : FormatException
{
    public IotPolicyFormatException()
    {
    }

    public IotPolicyFormatException(string message)
        : base(message)
    {
    }

    public IotPolicyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
