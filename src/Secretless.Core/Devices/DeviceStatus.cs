namespace Secretless.Core.Devices;

public enum DeviceStatus
{
    Enabled = 0,
    Disabled = 1,
}
