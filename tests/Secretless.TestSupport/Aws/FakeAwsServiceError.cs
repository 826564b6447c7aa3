namespace Secretless.TestSupport.Aws;

/// <summary>
/// Thrown by an operation to answer with an AWS error; the protocol handler turns it into
/// JSON 1.1 (<c>__type</c>, HTTP 400) or REST-JSON (<c>x-amzn-ErrorType</c>, status per code).
/// </summary>
internal sealed class FakeAwsServiceError : Exception
{
    public FakeAwsServiceError(string errorCode, string message, IReadOnlyDictionary<string, string>? fields = null)
        : base(message)
    {
        ErrorCode = errorCode;
        Fields = fields ?? new Dictionary<string, string>();
    }

    public FakeAwsServiceError()
        : this("InternalFailureException", "Internal failure.")
    {
    }

    public FakeAwsServiceError(string message)
        : this("InternalFailureException", message)
    {
    }

    public FakeAwsServiceError(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "InternalFailureException";
        Fields = new Dictionary<string, string>();
    }

    public string ErrorCode { get; }

    /// <summary>Extra body members, e.g. resourceId / resourceArn of a ResourceAlreadyExistsException.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }
}
