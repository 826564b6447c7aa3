namespace Secretless.Aws.Http;

/// <summary>
/// Where and how one AWS service is called: base URI (the AWS endpoint, or an emulator's
/// <c>ServiceUrl</c>), region and SigV4 signing name (<c>acm-pca</c>, <c>iot</c>).
/// </summary>
public sealed record AwsServiceEndpoint(Uri BaseUri, string Region, string SigningName)
{
    /// <summary>
    /// The public AWS endpoint <c>https://{hostPrefix}.{region}.amazonaws.com</c>, unless
    /// <paramref name="serviceUrl"/> points elsewhere (an emulator, a VPC endpoint).
    /// </summary>
    public static AwsServiceEndpoint For(string signingName, string hostPrefix, string region, Uri? serviceUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingName);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var baseUri = serviceUrl ?? new Uri($"https://{hostPrefix}.{region}.amazonaws.com");
        return new AwsServiceEndpoint(baseUri, region, signingName);
    }
}
