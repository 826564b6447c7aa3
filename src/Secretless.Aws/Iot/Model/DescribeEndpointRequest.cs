namespace Secretless.Aws.Iot;

/// <summary>DescribeEndpoint input; <c>iot:Data-ATS</c> is the device data endpoint.</summary>
public sealed record DescribeEndpointRequest
{
    public string? EndpointType { get; init; }
}
