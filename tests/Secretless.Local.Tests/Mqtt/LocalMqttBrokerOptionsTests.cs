using Secretless.Local.Mqtt;

namespace Secretless.Local.Tests.Mqtt;

public sealed class LocalMqttBrokerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new LocalMqttBrokerOptions();

        options.Validate();

        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.Equal(8883, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.RevocationPollInterval);
    }

    [Theory]
    [InlineData("SL1101", "localhost", 8883, "local", "000000000000", 200)]
    [InlineData("SL1102", "127.0.0.1", 70000, "local", "000000000000", 200)]
    [InlineData("SL1103", "127.0.0.1", 8883, "Local Region", "000000000000", 200)]
    [InlineData("SL1104", "127.0.0.1", 8883, "local", "12345", 200)]
    [InlineData("SL1105", "127.0.0.1", 8883, "local", "000000000000", 1500)]
    [InlineData("SL1105", "127.0.0.1", 8883, "local", "000000000000", 0)]
    public void Validate_InvalidSetting_ThrowsNumberedError(string code, string bindAddress, int port, string region, string accountId, int pollMilliseconds)
    {
        var options = new LocalMqttBrokerOptions
        {
            BindAddress = bindAddress,
            Port = port,
            Region = region,
            AccountId = accountId,
            RevocationPollInterval = TimeSpan.FromMilliseconds(pollMilliseconds),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(code + ":", error.Message, StringComparison.Ordinal);
    }
}
