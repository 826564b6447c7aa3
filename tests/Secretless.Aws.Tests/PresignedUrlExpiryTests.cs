using Secretless.Aws.Delivery;

namespace Secretless.Aws.Tests;

public sealed class PresignedUrlExpiryTests
{
    [Fact]
    public void TryRead_SigV4Url_IsSigningTimePlusLifetime()
    {
        var url = new Uri("https://b.s3.eu-west-1.amazonaws.com/payloads/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20300101T120000Z&X-Amz-Expires=900&X-Amz-Signature=ab");

        Assert.True(PresignedUrlExpiry.TryRead(url, out var expiresAt));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 15, 0, TimeSpan.Zero), expiresAt);
    }

    [Fact]
    public void TryRead_SigV2Url_IsTheUnixExpires()
    {
        var url = new Uri("https://b.s3.amazonaws.com/payloads/k?AWSAccessKeyId=A&Expires=1893499200&Signature=x");

        Assert.True(PresignedUrlExpiry.TryRead(url, out var expiresAt));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), expiresAt);
    }

    [Fact]
    public void TryRead_UrlWithoutExpiry_ReturnsFalse()
    {
        Assert.False(PresignedUrlExpiry.TryRead(new Uri("https://b.s3.amazonaws.com/payloads/k?X-Amz-Expires=abc"), out _));
    }
}
