using Secretless.Core.Csr;
using Secretless.Core.Errors;
using static Secretless.Core.Tests.Csr.CsrTestHelpers;

namespace Secretless.Core.Tests.Csr;

/// <summary>The CN → device id rules.</summary>
[Collection(DeviceKeysGroup.Name)]
public sealed class CsrInspectorSubjectTests(DeviceKeys keys)
{
    [Fact]
    public async Task Inspect_NoCommonName_DeviceIdMissing()
    {
        var csr = await keys.P256.CreateCsrAsync("/O=Acme/OU=Sensors");
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 400, ProvisioningErrorCodes.DeviceIdMissing);
    }

    [Fact]
    public async Task Inspect_TwoCommonNames_DeviceIdAmbiguous()
    {
        var csr = await keys.P256.CreateCsrAsync("/CN=sensor-a/CN=sensor-b");
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 400, ProvisioningErrorCodes.DeviceIdAmbiguous);
    }

    [Fact]
    public async Task Inspect_TwoIdenticalCommonNames_DeviceIdAmbiguous()
    {
        var csr = await keys.P256.CreateCsrAsync("/CN=sensor-a/CN=sensor-a");
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 400, ProvisioningErrorCodes.DeviceIdAmbiguous);
    }

    [Theory]
    [InlineData("/CN=sensor 1")]
    [InlineData("/CN=sensor.1")]
    [InlineData("/CN=sensor@home")]
    [InlineData("/CN=capteur-é")]
    public async Task Inspect_CommonNameWithForbiddenCharacters_DeviceIdInvalid(string subject)
    {
        var csr = await keys.P256.CreateCsrAsync(subject, ["-utf8"]);
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 400, ProvisioningErrorCodes.DeviceIdInvalid);
    }

    [Fact]
    public async Task Inspect_CommonNameOf129Characters_DeviceIdInvalid()
    {
        var csr = await keys.P256.CreateCsrAsync("/CN=" + new string('a', 129));
        AssertRefused(CsrInspector.Inspect(csr.DeviceCsrHeader), 400, ProvisioningErrorCodes.DeviceIdInvalid);
    }

    [Fact]
    public async Task Inspect_CommonNameOf128AllowedCharacters_Accepted()
    {
        var id = "Ab9:_-" + new string('x', 122);
        var csr = await keys.P256.CreateCsrAsync("/CN=" + id);
        var inspection = CsrInspector.Inspect(csr.DeviceCsrHeader);
        Assert.True(inspection.Succeeded, inspection.Error?.Detail);
        Assert.Equal(id, inspection.Csr.DeviceId);
    }
}
