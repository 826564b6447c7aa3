using Secretless.Core.Devices;
using Secretless.Core.Errors;

namespace Secretless.Core.Tests.Devices;

public sealed class DeviceIdRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("sensor-0001")]
    [InlineData("Line_7:cell-3")]
    [InlineData("0123456789")]
    public void TryValidate_AllowedId_True(string id)
    {
        Assert.True(DeviceIdRules.TryValidate(id, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void TryValidate_128Characters_True() =>
        Assert.True(DeviceIdRules.TryValidate(new string('z', 128), out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sensor 1")]
    [InlineData("sensor.1")]
    [InlineData("sensor/1")]
    [InlineData("capteur-é")]
    [InlineData("sensor\n1")]
    public void TryValidate_ForbiddenId_DeviceIdInvalid(string? id)
    {
        Assert.False(DeviceIdRules.TryValidate(id, out var error));
        Assert.Equal(ProvisioningErrorCodes.DeviceIdInvalid, error.Code);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void TryValidate_129Characters_DeviceIdInvalidNamingTheLimit()
    {
        Assert.False(DeviceIdRules.TryValidate(new string('z', 129), out var error));
        Assert.Contains("128", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_ForbiddenCharacter_DetailDoesNotEchoIt()
    {
        Assert.False(DeviceIdRules.TryValidate("abc<script>", out var error));
        Assert.DoesNotContain("<script>", error.Detail, StringComparison.Ordinal);
        Assert.Contains("position 4", error.Detail, StringComparison.Ordinal);
    }
}
