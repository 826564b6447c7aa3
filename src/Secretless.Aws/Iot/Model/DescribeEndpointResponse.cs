namespace Secretless.Aws.Iot;

/// <summary>DescribeEndpoint output: the host name, without port.</summary>
public sealed record DescribeEndpointResponse
{
    public string? EndpointAddress { get; init; }
}
