using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Secretless.Core.Delivery;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Delivery;

/// <summary>
/// The embedded payload store: one file per payload under <c>&lt;data&gt;/payloads/</c> (name = key,
/// first line = expiry), URLs of the shape
/// <c>/payloads/{key}?expires={unix seconds}&amp;signature={base64url HMAC-SHA256(key + "\n" + expires)}</c>
/// served by the same server and checked here in constant time.
/// </summary>
public sealed class LocalPayloadStore : IPayloadStore, IDisposable
{
    /// <summary>The route prefix the server maps for <see cref="FetchAsync"/>.</summary>
    public const string RoutePrefix = "/payloads/";

    private const string HeaderPrefix = "SLP1 ";

    // A write lasts milliseconds; a temporary file this old was left by a crash before its rename.
    private static readonly TimeSpan StaleTemporaryFileAge = TimeSpan.FromMinutes(10);

    private readonly byte[] _signingKey;

    // Store and cleanup never interleave on one file: a cleanup that read an old expiry must not
    // delete the fresh payload a concurrent store just renamed into place.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LocalPayloadStore(SecretlessDataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        _signingKey = UrlSigningKey.LoadOrCreate(dataDirectory.RootPath);
        PayloadDirectory = Path.Combine(dataDirectory.RootPath, "payloads");
    }

    /// <summary><c>&lt;data&gt;/payloads</c>.</summary>
    public string PayloadDirectory { get; }

    public async Task StoreAsync(string payloadKey, ReadOnlyMemory<byte> payload, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var path = PathOf(payloadKey);
        var header = Encoding.ASCII.GetBytes(HeaderPrefix + expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\n");
        var content = new byte[header.Length + payload.Length];
        header.CopyTo(content, 0);
        payload.Span.CopyTo(content.AsSpan(header.Length));

        await _gate.WaitAsync(cancellationToken);
        try
        {
            PrivateFiles.EnsureDirectory(PayloadDirectory);
            PrivateFiles.WriteAtomically(path, content, secret: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask<PresignedPayloadUrl> CreateUrlAsync(string payloadKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (!PayloadKeys.IsValid(payloadKey))
        {
            throw new ArgumentException("A payload key is 1–128 lowercase hex characters.", nameof(payloadKey));
        }

        var seconds = expiresAt.ToUnixTimeSeconds();
        var expires = seconds.ToString(CultureInfo.InvariantCulture);
        var url = $"{RoutePrefix}{payloadKey}?expires={expires}&signature={Sign(payloadKey, expires)}";
        return ValueTask.FromResult(new PresignedPayloadUrl(new Uri(url, UriKind.Relative), DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(PayloadDirectory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(PayloadDirectory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (!PayloadKeys.IsValid(name))
            {
                DeleteIfStaleTemporaryFile(path, name, now);
                continue;
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (await ReadExpiryAsync(path, cancellationToken) is { } expiresAt && expiresAt < now)
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return deleted;
    }

    /// <summary>
    /// Checks key, expiry and signature as received. The signature is compared in constant time
    /// over its text, so any change to any of the three is <see cref="PayloadUrlValidation.Tampered"/>.
    /// </summary>
    public PayloadUrlValidation TryValidate(string? payloadKey, string? expires, string? signature, DateTimeOffset now)
    {
        if (!PayloadKeys.IsValid(payloadKey) || !TryParseExpires(expires, out var seconds) || string.IsNullOrEmpty(signature))
        {
            return PayloadUrlValidation.Tampered;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(payloadKey!, expires!));
        var received = Encoding.UTF8.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, received))
        {
            return PayloadUrlValidation.Tampered;
        }

        return now.ToUnixTimeSeconds() >= seconds ? PayloadUrlValidation.Expired : PayloadUrlValidation.Valid;
    }

    /// <summary>The stored payload, or null when it is not stored (yet) or has expired.</summary>
    public async Task<byte[]?> ReadAsync(string payloadKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(PathOf(payloadKey), cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(content, (byte)'\n');
        if (newline < 0 || ParseExpiry(content.AsSpan(0, newline)) is not { } expiresAt || expiresAt < now)
        {
            return null;
        }

        return content[(newline + 1)..];
    }

    /// <summary>Validates the URL, then reads the payload: what <c>GET /payloads/{key}</c> answers.</summary>
    public async Task<PayloadFetchResult> FetchAsync(string? payloadKey, string? expires, string? signature, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (TryValidate(payloadKey, expires, signature, now))
        {
            case PayloadUrlValidation.Tampered:
                return new PayloadFetchResult(PayloadFetchStatus.Tampered, null);
            case PayloadUrlValidation.Expired:
                return new PayloadFetchResult(PayloadFetchStatus.Expired, null);
        }

        var payload = await ReadAsync(payloadKey!, now, cancellationToken);
        return payload is null
            ? new PayloadFetchResult(PayloadFetchStatus.NotReady, null)
            : new PayloadFetchResult(PayloadFetchStatus.Ready, payload);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Removes <c>.&lt;key&gt;.&lt;guid&gt;.tmp</c> left by a crash; anything else is not ours.</summary>
    private static void DeleteIfStaleTemporaryFile(string path, string name, DateTimeOffset now)
    {
        if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal)
            && File.GetLastWriteTimeUtc(path) < (now - StaleTemporaryFileAge).UtcDateTime)
        {
            File.Delete(path);
        }
    }

    private string PathOf(string payloadKey)
    {
        // Lowercase hex only: no separators, no dots, so the name never leaves the payload directory.
        if (!PayloadKeys.IsValid(payloadKey))
        {
            throw new ArgumentException("A payload key is 1–128 lowercase hex characters.", nameof(payloadKey));
        }

        return Path.Combine(PayloadDirectory, payloadKey);
    }

    private string Sign(string payloadKey, string expires)
    {
        var mac = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(payloadKey + "\n" + expires));
        return Base64Url.EncodeToString(mac);
    }

    private static bool TryParseExpires(string? expires, out long seconds)
    {
        seconds = 0;
        return !string.IsNullOrEmpty(expires)
            && expires.Length <= 12
            && expires.All(char.IsAsciiDigit)
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    private static async Task<DateTimeOffset?> ReadExpiryAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[64];
        int read;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        return newline < 0 ? null : ParseExpiry(buffer.AsSpan(0, newline));
    }

    private static DateTimeOffset? ParseExpiry(ReadOnlySpan<byte> headerLine)
    {
        var text = Encoding.ASCII.GetString(headerLine);
        return text.StartsWith(HeaderPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(HeaderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
    }
}
