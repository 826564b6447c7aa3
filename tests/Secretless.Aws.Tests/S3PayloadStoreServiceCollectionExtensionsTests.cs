using System.Text;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.Delivery;
using Secretless.Core.Delivery;

namespace Secretless.Aws.Tests;

[Collection(S3rverGroup.Name)]
public sealed class S3PayloadStoreServiceCollectionExtensionsTests(S3rverProcess s3rver)
{
    [Fact]
    public async Task UseS3PayloadStore_S3rverOptions_ResolvesAStoreThatRoundTrips()
    {
        var services = new ServiceCollection();
        services.UseS3PayloadStore(options => Copy(s3rver.CreateOptions($"di-{Guid.NewGuid():N}/"), options));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var store = provider.GetRequiredService<IPayloadStore>();
        var payload = Encoding.UTF8.GetBytes("{\"certificatePem\":\"x\"}");
        var expiresAt = TimeProvider.System.GetUtcNow().AddMinutes(2);

        await store.StoreAsync("wired", payload, expiresAt, CancellationToken.None);
        var url = await store.CreateUrlAsync("wired", expiresAt, CancellationToken.None);
        using var http = new HttpClient();

        Assert.IsType<S3PayloadStore>(store);
        Assert.IsType<AmazonS3Client>(provider.GetRequiredKeyedService<IAmazonS3>(S3PayloadStoreServiceCollectionExtensions.S3ClientServiceKey));
        Assert.Equal(payload, await http.GetByteArrayAsync(url.Url));
    }

    [Fact]
    public void UseS3PayloadStore_CalledTwice_LeavesOneStore()
    {
        var services = new ServiceCollection();

        services.UseS3PayloadStore(o => o.BucketName = "first-bucket");
        services.UseS3PayloadStore(o => o.BucketName = "second-bucket");

        Assert.Single(services, d => d.ServiceType == typeof(IPayloadStore));
        var options = Assert.Single(services, d => d.ServiceType == typeof(S3PayloadStoreOptions));
        Assert.Equal("second-bucket", ((S3PayloadStoreOptions)options.ImplementationInstance!).BucketName);
    }

    [Fact]
    public void UseS3PayloadStore_InvalidOptions_ThrowsAtRegistrationWithNumberedMessages()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.UseS3PayloadStore(o => o.ListPageSize = 5000));

        Assert.Contains("SL4001: S3PayloadStoreOptions.BucketName is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4007", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    private static void Copy(S3PayloadStoreOptions from, S3PayloadStoreOptions to)
    {
        to.BucketName = from.BucketName;
        to.KeyPrefix = from.KeyPrefix;
        to.ServiceUrl = from.ServiceUrl;
        to.ForcePathStyle = from.ForcePathStyle;
        to.UseChunkEncoding = from.UseChunkEncoding;
        to.ServerSideEncryption = from.ServerSideEncryption;
        to.MaxErrorRetry = from.MaxErrorRetry;
        to.Credentials = from.Credentials;
    }
}
