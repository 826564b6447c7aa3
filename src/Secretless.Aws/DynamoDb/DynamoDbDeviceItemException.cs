namespace Secretless.Aws.DynamoDb;

/// <summary>
/// A device's stored item cannot be used (its <c>pubkey</c> does not decode to an allowed key, or
/// its <c>status</c> is unknown). This is an operator's data problem, not the device's: it is
/// logged with the device id and surfaces as a 500, so it shows up in alarms instead of looking
/// like a device presenting the wrong key (403).
/// </summary>
public sealed class DynamoDbDeviceItemException : Exception
{
    public DynamoDbDeviceItemException()
    {
    }

    public DynamoDbDeviceItemException(string message)
        : base(message)
    {
    }

    public DynamoDbDeviceItemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DynamoDbDeviceItemException(string tableName, string deviceId, string reason)
        : base($"The item of device '{deviceId}' in DynamoDB table '{tableName}' is unusable: {reason}")
    {
        TableName = tableName;
        DeviceId = deviceId;
        Reason = reason;
    }

    public string TableName { get; } = "";

    public string DeviceId { get; } = "";

    public string Reason { get; } = "";
}
