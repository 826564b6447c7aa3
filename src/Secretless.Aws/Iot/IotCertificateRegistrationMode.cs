namespace Secretless.Aws.Iot;

/// <summary>How <see cref="IotCoreThingRegistry"/> registers device certificates with AWS IoT.</summary>
public enum IotCertificateRegistrationMode
{
    /// <summary>RegisterCertificate with the issuing CA, which must be registered in AWS IoT (the usual, multi-region way).</summary>
    WithCa = 0,

    /// <summary>
    /// RegisterCertificateWithoutCA: for SNI_ONLY CAs and CAs registered in another account (multi-account).
    /// Also the mode to pair with the IoT Core issuer: Amazon's CA is not one registered in the account.
    /// </summary>
    WithoutCa = 1,
}
