using System.Security.Cryptography;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Support;

/// <summary>Certificate profiles as the core would compute them, built by hand for CA tests.</summary>
internal static class TestProfiles
{
    public static CertificateProfile For(string deviceId, byte[] spkiDer, KeyAlgorithm algorithm, DateTimeOffset now, TimeSpan? validity = null)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        var notBefore = TruncateToSeconds(now.AddMinutes(-5));
        return new CertificateProfile(
            deviceId,
            spkiDer,
            algorithm,
            serial,
            notBefore,
            TruncateToSeconds(now + (validity ?? TimeSpan.FromDays(365))),
            Convert.ToHexStringLower(serial),
            CsrDer: []);
    }

    public static CertificateProfile For(DeviceKeyFixture device, DateTimeOffset now)
        => For(device.DeviceId, device.PublicKeySpkiDer, AlgorithmOf(device.Kind), now);

    public static KeyAlgorithm AlgorithmOf(TestKeyKind kind) => kind switch
    {
        TestKeyKind.EcP256 => KeyAlgorithm.EcdsaP256,
        TestKeyKind.EcP384 => KeyAlgorithm.EcdsaP384,
        TestKeyKind.Rsa2048 => KeyAlgorithm.Rsa,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an allowed device key."),
    };

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
        => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
