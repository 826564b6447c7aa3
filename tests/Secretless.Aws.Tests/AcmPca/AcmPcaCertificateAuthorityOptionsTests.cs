using Secretless.Aws.AcmPca;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaCertificateAuthorityOptionsTests
{
    private const string CaArn = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70";

    [Fact]
    public void Validate_ArnOnly_IsValidWithDefaults()
    {
        var options = new AcmPcaCertificateAuthorityOptions { CertificateAuthorityArn = CaArn };

        Assert.Empty(options.Validate());
        Assert.Equal("arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1", options.TemplateArn);
        Assert.Null(options.SigningAlgorithm);
        Assert.Equal(TimeSpan.FromSeconds(20), options.IssueDeadline);
        Assert.Equal(3, options.MaxAttempts);
    }

    [Fact]
    public void Validate_Defaults_RequiresTheCaArn()
    {
        var problem = Assert.Single(new AcmPcaCertificateAuthorityOptions().Validate());

        Assert.Equal("SL4201: AcmPcaCertificateAuthorityOptions.CertificateAuthorityArn is required.", problem);
    }

    public static TheoryData<string, Action<AcmPcaCertificateAuthorityOptions>> InvalidSettings() => new()
    {
        { "SL4202", o => o.CertificateAuthorityArn = "arn:aws:iot:us-east-1:123456789012:cacert/abc" },
        { "SL4202", o => o.CertificateAuthorityArn = "arn:aws:acm-pca:us-east-1:12345:certificate-authority/0f3e" },
        { "SL4203", o => o.TemplateArn = "EndEntityClientAuthCertificate/V1" },
        { "SL4203", o => o.TemplateArn = "" },
        { "SL4204", o => o.SigningAlgorithm = "SHA1WITHRSA" },
        { "SL4205", o => o.IssueDeadline = TimeSpan.FromMilliseconds(500) },
        { "SL4205", o => o.IssueDeadline = TimeSpan.FromMinutes(6) },
        { "SL4206", o => o.PollInitialDelay = TimeSpan.FromSeconds(-1) },
        { "SL4207", o => o.PollMaxDelay = TimeSpan.FromMilliseconds(10) },
        { "SL4208", o => o.UnavailableRetryAfter = TimeSpan.Zero },
        { "SL4209", o => o.Region = "US East" },
        { "SL4210", o => o.ServiceUrl = new Uri("ftp://127.0.0.1/") },
        { "SL4211", o => o.MaxAttempts = 0 },
        { "SL4211", o => o.MaxAttempts = 11 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSetting_ReportsItsNumberedMessage(string code, Action<AcmPcaCertificateAuthorityOptions> change)
    {
        var options = new AcmPcaCertificateAuthorityOptions { CertificateAuthorityArn = CaArn };
        change(options);

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith(code + ": AcmPcaCertificateAuthorityOptions.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_SeveralProblems_ListsEveryOne()
    {
        var options = new AcmPcaCertificateAuthorityOptions { SigningAlgorithm = "MD5", MaxAttempts = 0 };

        var error = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);

        Assert.Contains("SL4201", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4204", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4211", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70")]
    [InlineData("arn:aws-us-gov:acm-pca:us-gov-west-1:123456789012:certificate-authority/0f3e4b2c-7a51-4d3e-9c2b-6e8d1a4f5b70")]
    public void Validate_CaArnInOtherPartitionOrRegion_IsAccepted(string arn)
    {
        Assert.Empty(new AcmPcaCertificateAuthorityOptions { CertificateAuthorityArn = arn }.Validate());
    }
}
