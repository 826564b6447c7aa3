using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Secretless.Core.Issuance;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// The issuance item: hash key <c>issuance-key</c> = device id + "#" + CSR SHA-256 (device ids
/// never contain '#'), the two parts again as <c>device-id</c> and <c>csr-sha256</c>, <c>state</c>
/// (PENDING/ISSUED/COMPLETED), <c>certificate</c> (B, DER), <c>chain</c> (L of B, issuing CA
/// first), <c>serial</c>, <c>not-after</c>, <c>authority-reference</c>, <c>certificate-id</c>,
/// <c>created-at</c>, <c>completed-at</c> (timestamps as in <see cref="DynamoDbTimestamps"/>).
/// </summary>
internal static class DynamoDbIssuanceItems
{
    public const string IssuanceKeyName = "issuance-key";
    public const string DeviceId = "device-id";
    public const string CsrSha256 = "csr-sha256";
    public const string State = "state";
    public const string Certificate = "certificate";
    public const string Chain = "chain";
    public const string Serial = "serial";
    public const string NotAfter = "not-after";
    public const string AuthorityReference = "authority-reference";
    public const string CertificateId = "certificate-id";
    public const string CreatedAt = "created-at";
    public const string CompletedAt = "completed-at";

    public static string KeyText(IssuanceKey key) => key.DeviceId + "#" + key.CsrSha256Hex;

    public static Dictionary<string, AttributeValue> Key(IssuanceKey key) =>
        new() { [IssuanceKeyName] = new AttributeValue { S = KeyText(key) } };

    public static AttributeValue StateValue(IssuanceState state) => new() { S = StateText(state) };

    public static Dictionary<string, AttributeValue> NewPending(IssuanceKey key, DateTimeOffset now) => new()
    {
        [IssuanceKeyName] = new AttributeValue { S = KeyText(key) },
        [DeviceId] = new AttributeValue { S = key.DeviceId },
        [CsrSha256] = new AttributeValue { S = key.CsrSha256Hex },
        [State] = StateValue(IssuanceState.Pending),
        [CreatedAt] = DynamoDbTimestamps.ToAttribute(now),
    };

    /// <summary>The attribute values RecordIssuedAsync sets, under the placeholders its update expression uses.</summary>
    public static Dictionary<string, AttributeValue> IssuedValues(IssuedCertificate certificate) => new()
    {
        [":der"] = Binary(certificate.CertificateDer),
        [":chain"] = new AttributeValue { L = [.. certificate.ChainDer.Select(Binary)] },
        [":serial"] = new AttributeValue { S = certificate.SerialNumberHex },
        [":notAfter"] = DynamoDbTimestamps.ToAttribute(certificate.NotAfter),
        [":reference"] = new AttributeValue { S = certificate.AuthorityReference },
    };

    /// <summary>
    /// The attribute-name placeholders the given expressions use, from one table of every attribute a
    /// record has (DynamoDB refuses a request that names a placeholder its expressions do not use).
    /// </summary>
    public static Dictionary<string, string> AttributeNamesUsedIn(params string[] expressions)
        => AllAttributeNames
            .Where(name => expressions.Any(expression => UsesPlaceholder(expression, name.Key)))
            .ToDictionary(name => name.Key, name => name.Value, StringComparer.Ordinal);

    private static bool UsesPlaceholder(string expression, string placeholder)
    {
        // "#der" must not match inside a longer placeholder that starts the same way.
        for (var at = expression.IndexOf(placeholder, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(placeholder, at + 1, StringComparison.Ordinal))
        {
            var end = at + placeholder.Length;
            if (end == expression.Length || !char.IsLetterOrDigit(expression[end]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Dictionary<string, string> AllAttributeNames = new(StringComparer.Ordinal)
    {
        ["#state"] = State,
        ["#der"] = Certificate,
        ["#chain"] = Chain,
        ["#serial"] = Serial,
        ["#notAfter"] = NotAfter,
        ["#reference"] = AuthorityReference,
        ["#certificateId"] = CertificateId,
        ["#completedAt"] = CompletedAt,
    };

    public static IssuanceRecord Read(Dictionary<string, AttributeValue> item)
    {
        var key = new IssuanceKey(item[DeviceId].S, item[CsrSha256].S);
        var state = ParseState(item[State].S);
        IssuedCertificate? certificate = item.TryGetValue(Certificate, out var der)
            ? new IssuedCertificate(
                der.B.ToArray(),
                [.. (item.GetValueOrDefault(Chain)?.L ?? []).Select(element => element.B.ToArray())],
                item[Serial].S,
                DynamoDbTimestamps.Read(item, NotAfter) ?? DateTimeOffset.UnixEpoch,
                item[AuthorityReference].S)
            : null;
        return new IssuanceRecord(
            key,
            state,
            certificate,
            item.GetValueOrDefault(CertificateId)?.S,
            DynamoDbTimestamps.Read(item, CreatedAt) ?? DateTimeOffset.UnixEpoch,
            DynamoDbTimestamps.Read(item, CompletedAt));
    }

    private static AttributeValue Binary(byte[] bytes) => new() { B = new MemoryStream(bytes, writable: false) };

    private static string StateText(IssuanceState state) => state switch
    {
        IssuanceState.Pending => "PENDING",
        IssuanceState.Issued => "ISSUED",
        IssuanceState.Completed => "COMPLETED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown issuance state."),
    };

    private static IssuanceState ParseState(string text) => text switch
    {
        "PENDING" => IssuanceState.Pending,
        "ISSUED" => IssuanceState.Issued,
        "COMPLETED" => IssuanceState.Completed,
        _ => throw new InvalidDataException(
            string.Create(CultureInfo.InvariantCulture, $"Unknown issuance state '{text}' in the DynamoDB ledger.")),
    };
}
