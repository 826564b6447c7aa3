namespace Secretless.Core.Tests;

[CollectionDefinition(Name)]
public sealed class DeviceKeysGroup : ICollectionFixture<DeviceKeys>
{
    public const string Name = "device keys";
}
