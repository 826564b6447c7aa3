using System.Text;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Core.Delivery;
using Secretless.Core.Issuance;
using Secretless.Local.Delivery;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Delivery;

public sealed class LocalPayloadStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"certificate\":\"pem\",\"certificateId\":\"abc\"}");

    private readonly TemporaryDirectory _directory = new("secretless-payloads");
    private readonly SecretlessDataDirectory _dataDirectory;
    private readonly LocalPayloadStore _store;
    private readonly string _key = PayloadKeys.For(new IssuanceKey("sensor-1", new string('a', 64)));

    public LocalPayloadStoreTests()
    {
        _dataDirectory = new SecretlessDataDirectory(_directory.File("data"));
        _store = new LocalPayloadStore(_dataDirectory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task FetchAsync_ValidUrlStoredPayload_ReturnsTheExactBytes()
    {
        await _store.StoreAsync(_key, Payload, Now.AddHours(1), CancellationToken.None);
        var url = await _store.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None);

        var (key, expires, signature) = Parse(url);
        var result = await _store.FetchAsync(key, expires, signature, Now, CancellationToken.None);

        Assert.Equal(PayloadFetchStatus.Ready, result.Status);
        Assert.Equal(Payload, result.Payload);
        Assert.Equal(_key, key);
        Assert.Equal(Now.AddHours(1), url.ExpiresAt);
        Assert.StartsWith("/payloads/" + _key + "?expires=", url.Url.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ValidUrlNothingStored_NotReady()
    {
        var url = await _store.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None);

        var (key, expires, signature) = Parse(url);
        var result = await _store.FetchAsync(key, expires, signature, Now, CancellationToken.None);

        Assert.Equal(PayloadFetchStatus.NotReady, result.Status);
        Assert.Null(result.Payload);
    }

    [Theory]
    [InlineData("key")]
    [InlineData("expires")]
    [InlineData("signature")]
    public async Task TryValidate_OnePartModified_Tampered(string part)
    {
        await _store.StoreAsync(_key, Payload, Now.AddHours(2), CancellationToken.None);
        var (key, expires, signature) = Parse(await _store.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None));
        switch (part)
        {
            case "key":
                key = FlipLastHex(key);
                break;
            case "expires":
                expires = (long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                signature = (signature[0] == 'A' ? "B" : "A") + signature[1..];
                break;
        }

        Assert.Equal(PayloadUrlValidation.Tampered, _store.TryValidate(key, expires, signature, Now));
        Assert.Equal(PayloadFetchStatus.Tampered, (await _store.FetchAsync(key, expires, signature, Now, CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData(null, "1", "sig")]
    [InlineData("abc", null, "sig")]
    [InlineData("abc", "1", null)]
    [InlineData("abc", "-1", "sig")]
    [InlineData("abc", "01x", "sig")]
    public void TryValidate_MissingOrMalformedPart_Tampered(string? key, string? expires, string? signature)
    {
        Assert.Equal(PayloadUrlValidation.Tampered, _store.TryValidate(key, expires, signature, Now));
    }

    [Fact]
    public async Task TryValidate_ExpiryPassed_Expired()
    {
        var (key, expires, signature) = Parse(await _store.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None));

        Assert.Equal(PayloadUrlValidation.Valid, _store.TryValidate(key, expires, signature, Now.AddHours(1).AddSeconds(-1)));
        Assert.Equal(PayloadUrlValidation.Expired, _store.TryValidate(key, expires, signature, Now.AddHours(1)));
    }

    [Fact]
    public async Task TryValidate_UrlFromAnotherDataDirectory_Tampered()
    {
        using var other = new TemporaryDirectory("secretless-payloads-other");
        using var otherStore = new LocalPayloadStore(new SecretlessDataDirectory(other.File("data")));
        var (key, expires, signature) = Parse(await otherStore.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None));

        Assert.Equal(PayloadUrlValidation.Tampered, _store.TryValidate(key, expires, signature, Now));
    }

    [Fact]
    public async Task DeleteExpiredAsync_MixedExpiries_DeletesOnlyExpired()
    {
        var fresh = PayloadKeys.For(new IssuanceKey("sensor-2", new string('b', 64)));
        await _store.StoreAsync(_key, Payload, Now.AddMinutes(-1), CancellationToken.None);
        await _store.StoreAsync(fresh, Payload, Now.AddMinutes(1), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_store.PayloadDirectory, "not-a-payload.txt"), "keep");

        var deleted = await _store.DeleteExpiredAsync(Now, CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(Path.Combine(_store.PayloadDirectory, _key)));
        Assert.Equal(Payload, await _store.ReadAsync(fresh, Now, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_store.PayloadDirectory, "not-a-payload.txt")));
    }

    [Fact]
    public async Task DeleteExpiredAsync_TemporaryFileLeftByACrash_DeletedOnlyWhenStale()
    {
        await _store.StoreAsync(_key, Payload, Now.AddHours(1), CancellationToken.None);
        var stale = Path.Combine(_store.PayloadDirectory, $".{_key}.{Guid.NewGuid():N}.tmp");
        var inProgress = Path.Combine(_store.PayloadDirectory, $".{_key}.{Guid.NewGuid():N}.tmp");
        var foreign = Path.Combine(_store.PayloadDirectory, "notes.tmp");
        foreach (var path in new[] { stale, inProgress, foreign })
        {
            await File.WriteAllTextAsync(path, "partial");
        }

        File.SetLastWriteTimeUtc(stale, Now.AddHours(-1).UtcDateTime);
        File.SetLastWriteTimeUtc(inProgress, Now.UtcDateTime);
        File.SetLastWriteTimeUtc(foreign, Now.AddHours(-1).UtcDateTime);

        Assert.Equal(0, await _store.DeleteExpiredAsync(Now, CancellationToken.None));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(inProgress));
        Assert.True(File.Exists(foreign));
        Assert.Equal(Payload, await _store.ReadAsync(_key, Now, CancellationToken.None));
    }

    [Fact]
    public async Task StoreAsync_SameKeyAgain_LaterPayloadAndExpiryWin()
    {
        await _store.StoreAsync(_key, Encoding.UTF8.GetBytes("old"), Now.AddMinutes(1), CancellationToken.None);
        await _store.StoreAsync(_key, Payload, Now.AddHours(1), CancellationToken.None);

        Assert.Equal(0, await _store.DeleteExpiredAsync(Now.AddMinutes(30), CancellationToken.None));
        Assert.Equal(Payload, await _store.ReadAsync(_key, Now.AddMinutes(30), CancellationToken.None));
        Assert.Single(Directory.GetFiles(_store.PayloadDirectory));
    }

    [Theory]
    [InlineData("../url-signing.key")]
    [InlineData("..")]
    [InlineData("ABCDEF")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task StoreAndCreateUrl_KeyNotLowercaseHex_Refused(string key)
    {
        var signingKey = await File.ReadAllBytesAsync(Path.Combine(_dataDirectory.RootPath, "url-signing.key"));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreAsync(key, Payload, Now.AddHours(1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _store.CreateUrlAsync(key, Now.AddHours(1), CancellationToken.None));
        Assert.Equal(PayloadUrlValidation.Tampered, _store.TryValidate(key, "99999999999", "x", Now));
        Assert.False(Directory.Exists(_store.PayloadDirectory));
        Assert.Equal(signingKey, await File.ReadAllBytesAsync(Path.Combine(_dataDirectory.RootPath, "url-signing.key")));
    }

    [Fact]
    public async Task Constructor_FirstUse_CreatesA32ByteSigningKeyReadableOnlyByTheOwner()
    {
        var path = Path.Combine(_dataDirectory.RootPath, "url-signing.key");

        Assert.Equal(32, new FileInfo(path).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, PkiAssertions.ModeOf(path));
        var keyBefore = await File.ReadAllBytesAsync(path);
        using var reopened = new LocalPayloadStore(_dataDirectory);
        Assert.Equal(keyBefore, await File.ReadAllBytesAsync(path));
        var url = await _store.CreateUrlAsync(_key, Now.AddHours(1), CancellationToken.None);
        var (key, expires, signature) = Parse(url);
        Assert.Equal(PayloadUrlValidation.Valid, reopened.TryValidate(key, expires, signature, Now));
        Assert.Empty(Directory.GetFiles(_dataDirectory.RootPath, "*.tmp"));
    }

    [Fact]
    public void Constructor_SigningKeyFileOfWrongLength_ThrowsNamingTheFile()
    {
        using var other = new TemporaryDirectory("secretless-payloads-bad");
        Directory.CreateDirectory(other.File("data"));
        File.WriteAllBytes(Path.Combine(other.File("data"), "url-signing.key"), new byte[5]);

        var error = Assert.Throws<InvalidOperationException>(() => new LocalPayloadStore(new SecretlessDataDirectory(other.File("data"))));

        Assert.Contains("url-signing.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecretlessLocal_Resolved_PayloadStoreIsTheLocalSingleton()
    {
        using var other = new TemporaryDirectory("secretless-payloads-di");
        var services = new ServiceCollection().AddSecretlessLocal(new SecretlessDataDirectory(other.File("data")));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<LocalPayloadStore>(), provider.GetRequiredService<IPayloadStore>());
    }

    private static (string Key, string Expires, string Signature) Parse(PresignedPayloadUrl url)
    {
        var text = url.Url.OriginalString;
        var query = HttpUtility.ParseQueryString(text[(text.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var key = text["/payloads/".Length..text.IndexOf('?', StringComparison.Ordinal)];
        return (key, query["expires"]!, query["signature"]!);
    }

    private static string FlipLastHex(string key) => key[..^1] + (key[^1] == '0' ? '1' : '0');
}
