using System.Text;
using System.Text.Json;

namespace Secretless.Core.Manifest;

/// <summary>
/// One JSON Lines object <c>{"deviceId": …, "publicKey": …}</c>. The reference sample's
/// attribute names (<c>device-id</c>, <c>pubkey</c>) are accepted too; other members are ignored.
/// </summary>
internal sealed class JsonManifestLine
{
    // Reused across lines: a manifest is read by one task, and this keeps a million-line read
    // from allocating a buffer per line.
    private byte[] _buffer = new byte[1024];

    public ManifestFields Parse(string line)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(line, _buffer);
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 16 });
        string? deviceId = null;
        string? publicKey = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ManifestFields.Failed("expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref reader);
                reader.Read();
                if (member == MemberKind.Other)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return ManifestFields.Failed($"\"{Name(member)}\" must be a JSON string");
                }

                if ((member == MemberKind.DeviceId ? deviceId : publicKey) is not null)
                {
                    return ManifestFields.Failed($"\"{Name(member)}\" appears twice");
                }

                if (member == MemberKind.DeviceId)
                {
                    deviceId = reader.GetString();
                }
                else
                {
                    publicKey = reader.GetString();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return ManifestFields.Failed("expected exactly one JSON object on the line");
            }
        }
        catch (JsonException ex)
        {
            return ManifestFields.Failed($"not valid JSON (at character {ex.BytePositionInLine + 1})");
        }
        catch (InvalidOperationException)
        {
            return ManifestFields.Failed("a JSON string is not valid text");
        }

        if (deviceId is null)
        {
            return ManifestFields.Failed("the \"deviceId\" member is missing");
        }

        if (publicKey is null)
        {
            return ManifestFields.Failed("the \"publicKey\" member is missing");
        }

        return new ManifestFields(deviceId, publicKey, null);
    }

    private static MemberKind Member(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("deviceId"u8) || reader.ValueTextEquals("device-id"u8))
        {
            return MemberKind.DeviceId;
        }

        if (reader.ValueTextEquals("publicKey"u8) || reader.ValueTextEquals("pubkey"u8)
            || reader.ValueTextEquals("public-key"u8))
        {
            return MemberKind.PublicKey;
        }

        return MemberKind.Other;
    }

    private static string Name(MemberKind member) => member == MemberKind.DeviceId ? "deviceId" : "publicKey";

    private enum MemberKind
    {
        Other,
        DeviceId,
        PublicKey,
    }
}
