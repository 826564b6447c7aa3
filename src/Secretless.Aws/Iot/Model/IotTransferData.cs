namespace Secretless.Aws.Iot;

/// <summary>AWS IoT's <c>TransferData</c> structure (cross-account certificate transfer).</summary>
public sealed record IotTransferData
{
    public string? TransferMessage { get; init; }

    public string? RejectReason { get; init; }

    public DateTimeOffset? TransferDate { get; init; }

    public DateTimeOffset? AcceptDate { get; init; }

    public DateTimeOffset? RejectDate { get; init; }
}
