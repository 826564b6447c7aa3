namespace Secretless.Local.Tests.Mqtt;

/// <summary>A device whose certificate the local CA issued and the registry holds, as files mosquitto can use.</summary>
internal sealed record ProvisionedThing(string ThingName, string CertificatePath, string PrivateKeyPath, string CertificateId);
