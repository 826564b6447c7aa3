namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>How <see cref="DynamoDbFaultProxy"/> fails a call.</summary>
public enum DynamoDbFault
{
    None,
    Throttle,
    UnprocessedItems,
}
