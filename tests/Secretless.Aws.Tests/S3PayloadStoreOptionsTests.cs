using Secretless.Aws.Delivery;

namespace Secretless.Aws.Tests;

public sealed class S3PayloadStoreOptionsTests
{
    [Fact]
    public void Validate_OnlyBucketNameSet_HasNoProblemsAndSafeDefaults()
    {
        var options = new S3PayloadStoreOptions { BucketName = "widgiot-payloads" };

        Assert.Empty(options.Validate());
        Assert.Equal("payloads/", options.KeyPrefix);
        Assert.Equal(S3ServerSideEncryption.Aes256, options.ServerSideEncryption);
        Assert.True(options.UseChunkEncoding);
        Assert.Null(options.ServiceUrl);
        Assert.Null(options.Credentials);
    }

    [Fact]
    public void Validate_NoBucketName_ReportsSL4001()
    {
        var problems = new S3PayloadStoreOptions().Validate();

        Assert.Equal(["SL4001: S3PayloadStoreOptions.BucketName is required."], problems);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-Case")]
    [InlineData("-leading-hyphen")]
    [InlineData("trailing-dot.")]
    [InlineData("double..dot")]
    [InlineData("192.168.10.20")]
    [InlineData("under_score")]
    public void Validate_InvalidBucketName_ReportsSL4002(string bucketName)
    {
        var problem = Assert.Single(new S3PayloadStoreOptions { BucketName = bucketName }.Validate());

        Assert.StartsWith($"SL4002: S3PayloadStoreOptions.BucketName '{bucketName}' is not a valid S3 bucket name", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/payloads/")]
    [InlineData("payloads/../other/")]
    [InlineData("pay\nloads/")]
    public void Validate_InvalidKeyPrefix_ReportsSL4003(string keyPrefix)
    {
        var problem = Assert.Single(Valid(o => o.KeyPrefix = keyPrefix).Validate());

        Assert.StartsWith("SL4003: S3PayloadStoreOptions.KeyPrefix", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyKeyPrefix_IsAllowed()
    {
        Assert.Empty(Valid(o => o.KeyPrefix = "").Validate());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:4568/")]
    [InlineData("/relative/path")]
    public void Validate_ServiceUrlNotAbsoluteHttp_ReportsSL4004(string serviceUrl)
    {
        var problem = Assert.Single(Valid(o => o.ServiceUrl = new Uri(serviceUrl, UriKind.RelativeOrAbsolute)).Validate());

        Assert.StartsWith("SL4004: S3PayloadStoreOptions.ServiceUrl", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-west")]
    [InlineData("frankfurt")]
    public void Validate_MalformedRegion_ReportsSL4005(string region)
    {
        var problem = Assert.Single(Valid(o => o.Region = region).Validate());

        Assert.Equal($"SL4005: S3PayloadStoreOptions.Region '{region}' is not an AWS region name such as 'eu-west-1'.", problem);
    }

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("ap-southeast-3")]
    public void Validate_RealRegion_HasNoProblems(string region)
    {
        Assert.Empty(Valid(o => o.Region = region).Validate());
    }

    [Fact]
    public void Validate_UndefinedEncryption_ReportsSL4006()
    {
        var problem = Assert.Single(Valid(o => o.ServerSideEncryption = (S3ServerSideEncryption)9).Validate());

        Assert.Equal("SL4006: S3PayloadStoreOptions.ServerSideEncryption must be None, Aes256 or AwsKms but is 9.", problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_ListPageSizeOutOfRange_ReportsSL4007(int pageSize)
    {
        var problem = Assert.Single(Valid(o => o.ListPageSize = pageSize).Validate());

        Assert.Equal($"SL4007: S3PayloadStoreOptions.ListPageSize must be between 1 and 1000 but is {pageSize}.", problem);
    }

    [Fact]
    public void Validate_NegativeMaxErrorRetry_ReportsSL4008()
    {
        var problem = Assert.Single(Valid(o => o.MaxErrorRetry = -1).Validate());

        Assert.StartsWith("SL4008: S3PayloadStoreOptions.MaxErrorRetry", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroRetryAfter_ReportsSL4009()
    {
        var problem = Assert.Single(Valid(o => o.UnavailableRetryAfter = TimeSpan.Zero).Validate());

        Assert.StartsWith("SL4009: S3PayloadStoreOptions.UnavailableRetryAfter", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachInNumberOrder()
    {
        var options = new S3PayloadStoreOptions { KeyPrefix = "/x", Region = "nowhere", ListPageSize = 0 };

        var codes = options.Validate().Select(p => p[..6]);

        Assert.Equal(["SL4001", "SL4003", "SL4005", "SL4007"], codes);
    }

    [Fact]
    public void ThrowIfInvalid_Invalid_ThrowsArgumentExceptionListingEveryProblem()
    {
        var options = new S3PayloadStoreOptions { Region = "nowhere" };

        var error = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);

        Assert.Contains("SL4001", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4005", error.Message, StringComparison.Ordinal);
    }

    private static S3PayloadStoreOptions Valid(Action<S3PayloadStoreOptions> change)
    {
        var options = new S3PayloadStoreOptions { BucketName = "widgiot-payloads" };
        change(options);
        return options;
    }
}
