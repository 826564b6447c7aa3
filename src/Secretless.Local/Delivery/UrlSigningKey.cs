using System.Security.Cryptography;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Delivery;

/// <summary>
/// The HMAC secret for payload URLs: 32 random bytes in <c>&lt;data&gt;/url-signing.key</c>,
/// created once (0600 from the first byte, written to a temporary file, flushed, then linked into
/// place without overwriting, so two processes starting together agree on one key).
/// </summary>
internal static class UrlSigningKey
{
    public const string FileName = "url-signing.key";
    public const int Length = 32;

    public static byte[] LoadOrCreate(string dataDirectory)
    {
        PrivateFiles.EnsureDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            // When another process created the key first, its key wins and is read below.
            _ = PrivateFiles.TryCreateAtomically(path, RandomNumberGenerator.GetBytes(Length), secret: true);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != Length)
        {
            throw new InvalidOperationException(
                $"SL1021: {path} holds {key.Length} bytes, not the {Length} of a URL signing key. Delete it to create a new one (outstanding payload URLs stop working).");
        }

        return key;
    }
}
