namespace Secretless.TestSupport.Aws;

/// <summary>How a <see cref="FakeAwsEndpoint"/> behaves; the defaults suit tests that sign with <see cref="FakeAwsEndpoint.Credentials"/>.</summary>
public sealed class FakeAwsOptions
{
    /// <summary>The only access key id accepted (defaults to the one in <see cref="FakeAwsEndpoint.Credentials"/>).</summary>
    public string AccessKeyId { get; set; } = FakeAwsEndpoint.DefaultAccessKeyId;

    /// <summary>The secret key requests must be signed with.</summary>
    public string SecretAccessKey { get; set; } = FakeAwsEndpoint.DefaultSecretAccessKey;

    /// <summary>The clock for the signature time window and for certificate validity.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far x-amz-date may be from the clock (AWS: 15 minutes); null turns the check off (replaying recordings).</summary>
    public TimeSpan? MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many GetCertificate calls per certificate answer RequestInProgressException before it is returned.</summary>
    public int InProgressPolls { get; set; } = 1;

    /// <summary>The account-specific prefix of the IoT data endpoint (<c>&lt;prefix&gt;-ats.iot.us-east-1.amazonaws.com</c>).</summary>
    public string IotEndpointPrefix { get; set; } = "a1fakeiot2xyz3";
}
