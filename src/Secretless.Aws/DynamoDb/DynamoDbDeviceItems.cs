using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Secretless.Core.Devices;
using Secretless.Core.Keys;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The device item: the reference sample's <c>device-id</c> (S, hash key) and <c>pubkey</c> (S,
/// base64 of the PEM text, exactly what <c>base64 -w0 pubkey.pem</c> gives, so the sample's Lambda
/// still reads what we write), plus additive attributes the sample ignores: <c>status</c>
/// (ACTIVE/DISABLED; absent = ACTIVE), <c>key-algorithm</c> (informational; the key itself is
/// authoritative), <c>created-at</c> and <c>updated-at</c> (see <see cref="DynamoDbTimestamps"/>;
/// absent = the Unix epoch, meaning "unknown").
/// </summary>
internal static class DynamoDbDeviceItems
{
    public const string DeviceId = "device-id";
    public const string PublicKey = "pubkey";
    public const string Status = "status";
    public const string KeyAlgorithmName = "key-algorithm";
    public const string CreatedAt = "created-at";
    public const string UpdatedAt = "updated-at";

    public const string Active = "ACTIVE";
    public const string Disabled = "DISABLED";

    public static Dictionary<string, AttributeValue> Key(string deviceId) =>
        new() { [DeviceId] = new AttributeValue { S = deviceId } };

    public static Dictionary<string, AttributeValue> NewItem(DeviceImportEntry entry, DateTimeOffset now) => new()
    {
        [DeviceId] = new AttributeValue { S = entry.DeviceId },
        [PublicKey] = new AttributeValue { S = EncodePublicKey(entry.PublicKey) },
        [Status] = new AttributeValue { S = Active },
        [KeyAlgorithmName] = new AttributeValue { S = entry.KeyAlgorithm.ToString() },
        [CreatedAt] = DynamoDbTimestamps.ToAttribute(now),
        [UpdatedAt] = DynamoDbTimestamps.ToAttribute(now),
    };

    /// <summary>The stored item with a new key; every other attribute (status, created-at, ones we do not know) is kept.</summary>
    public static Dictionary<string, AttributeValue> WithReplacedKey(Dictionary<string, AttributeValue> existing, DeviceImportEntry entry, DateTimeOffset now) =>
        new(existing)
        {
            [PublicKey] = new AttributeValue { S = EncodePublicKey(entry.PublicKey) },
            [KeyAlgorithmName] = new AttributeValue { S = entry.KeyAlgorithm.ToString() },
            [UpdatedAt] = DynamoDbTimestamps.ToAttribute(now),
        };

    /// <summary>Base64 of the "PUBLIC KEY" PEM with 64-character lines and a final newline, as openssl writes it.</summary>
    public static string EncodePublicKey(byte[] spkiDer)
    {
        var pem = PemEncoding.WriteString("PUBLIC KEY", spkiDer) + "\n";
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
    }

    public static string StatusText(DeviceStatus status) => status switch
    {
        DeviceStatus.Enabled => Active,
        DeviceStatus.Disabled => Disabled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown device status."),
    };

    /// <summary>Decodes <c>pubkey</c> in any form <see cref="PublicKeyText"/> reads (base64 of PEM, PEM, base64 DER) and normalizes it.</summary>
    public static bool TryReadPublicKey(
        Dictionary<string, AttributeValue> item,
        [NotNullWhen(true)] out NormalizedPublicKey? key,
        [NotNullWhen(false)] out string? reason)
    {
        key = null;
        if (!item.TryGetValue(PublicKey, out var value) || value.S is not { } text)
        {
            reason = "it has no string attribute 'pubkey'.";
            return false;
        }

        if (!PublicKeyText.TryDecode(text, out var spki, out var decodeError))
        {
            reason = decodeError;
            return false;
        }

        if (!PublicKeyNormalizer.TryNormalize(spki, out key, out var refusal))
        {
            reason = refusal.Detail;
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Reads a stored item; throws <see cref="DynamoDbDeviceItemException"/> when it cannot be used.</summary>
    public static DeviceRecord Read(string tableName, Dictionary<string, AttributeValue> item)
    {
        var deviceId = item.TryGetValue(DeviceId, out var id) && id.S is { } text ? text : "";
        if (!TryReadPublicKey(item, out var key, out var reason))
        {
            throw new DynamoDbDeviceItemException(tableName, deviceId, reason);
        }

        var status = ReadStatus(item) ?? throw new DynamoDbDeviceItemException(
            tableName, deviceId, $"its status '{item[Status].S ?? "(not a string)"}' is neither {Active} nor {Disabled}.");
        var createdAt = DynamoDbTimestamps.Read(item, CreatedAt) ?? DateTimeOffset.UnixEpoch;
        var updatedAt = DynamoDbTimestamps.Read(item, UpdatedAt) ?? createdAt;
        return new DeviceRecord(deviceId, key.SpkiDer, key.Algorithm, status, createdAt, updatedAt);
    }

    private static DeviceStatus? ReadStatus(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(Status, out var value))
        {
            return DeviceStatus.Enabled;
        }

        return value.S switch
        {
            { } s when s.Equals(Active, StringComparison.OrdinalIgnoreCase) => DeviceStatus.Enabled,
            { } s when s.Equals(Disabled, StringComparison.OrdinalIgnoreCase) => DeviceStatus.Disabled,
            _ => null,
        };
    }
}
