namespace Secretless.Aws.Tests.Wire;

public sealed class AwsWireFixturesTests
{
    [Fact]
    public void Load_AllFiles_HasEveryCapturedRecord()
    {
        Assert.Equal(5, AwsWireFixtures.AcmPca.Count);
        Assert.Equal(21, AwsWireFixtures.Iot.Count);
        Assert.Equal(23, AwsWireFixtures.Errors.Count);
        Assert.All(AwsWireFixtures.Errors, f => Assert.False(string.IsNullOrEmpty(f.SdkExceptionName)));
        Assert.All(AwsWireFixtures.AcmPca, f => Assert.NotNull(f.CanonicalRequest));
    }
}
