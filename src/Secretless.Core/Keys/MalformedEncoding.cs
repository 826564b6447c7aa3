using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>
/// What .NET's ASN.1, base64 and key-import APIs throw for bytes that are simply malformed, as
/// opposed to bugs or I/O failures: such input becomes a precise refusal, never a 500.
/// </summary>
internal static class MalformedEncoding
{
    public static bool Explains(Exception exception) =>
        exception is AsnContentException or CryptographicException or FormatException or ArgumentException;
}
