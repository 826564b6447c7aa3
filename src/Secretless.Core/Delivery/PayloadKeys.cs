using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Issuance;

namespace Secretless.Core.Delivery;

/// <summary>
/// Payload keys derive from the issuance key, so a retried CSR gets the same URL path and a
/// payload written by the resumer lands where the device already polls.
/// </summary>
public static class PayloadKeys
{
    /// <summary>Length of a key: lowercase hex of a SHA-256.</summary>
    public const int Length = 64;

    /// <summary>Lowercase hex SHA-256 of <c>deviceId + "\n" + csrSha256Hex</c>.</summary>
    public static string For(IssuanceKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.DeviceId);
        ArgumentException.ThrowIfNullOrEmpty(key.CsrSha256Hex);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.DeviceId + "\n" + key.CsrSha256Hex));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True for 1–128 lowercase hex characters: safe as a file name and an object key.</summary>
    public static bool IsValid(string? payloadKey)
    {
        if (string.IsNullOrEmpty(payloadKey) || payloadKey.Length > 128)
        {
            return false;
        }

        foreach (var c in payloadKey)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
