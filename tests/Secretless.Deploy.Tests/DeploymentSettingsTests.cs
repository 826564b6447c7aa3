using Amazon.CDK;

namespace Secretless.Deploy.Tests;

public sealed class DeploymentSettingsTests
{
    [Fact]
    public void FromContext_MapsAndListsAsStrings_ParsesEachEntry()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                ["regions"] = "eu-west-1, us-west-2",
                ["certificateAuthorityArns"] = "eu-west-1=arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/a,us-west-2=arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/b",
                ["validityDays"] = "30",
                ["domainName"] = "",
            },
        });

        var settings = DeploymentSettings.FromContext(app);

        Assert.Equal(["eu-west-1", "us-west-2"], settings.Regions);
        Assert.Equal("arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/b", settings.CertificateAuthorityArn("us-west-2"));
        Assert.True(settings.HasConfiguredCertificateAuthority("eu-west-1"));
        Assert.Equal(30, settings.ValidityDays);
        Assert.False(settings.HasDomain);
    }

    [Fact]
    public void FromContext_SeveralBadValues_ReportsEveryProblemAtOnce()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                ["product"] = "Widg IoT",
                ["issuer"] = "Vault",
                ["validityDays"] = "0",
                ["regions"] = "eu-west-1,eu-west-1",
            },
        });

        var error = Assert.Throws<ArgumentException>(() => DeploymentSettings.FromContext(app));

        Assert.Contains("product 'Widg IoT'", error.Message, StringComparison.Ordinal);
        Assert.Contains("issuer 'Vault'", error.Message, StringComparison.Ordinal);
        Assert.Contains("validityDays 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("regions must list", error.Message, StringComparison.Ordinal);
    }
}
