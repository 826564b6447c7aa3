using System.Security.Cryptography;
using Secretless.Device.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Device.Tests;

public sealed class DeviceCertificateStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("secretless-nvm");
    private readonly TestCertificateAuthority _ca = new("Store");
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task TryLoadValidAsync_SavedCertificate_ReturnsItWithItsId()
    {
        var store = new DeviceCertificateStore(_directory.File("nvm"));
        var saved = await SaveAsync(store, _ca.IssueLeafPem(_key, "dev-1"));

        var loaded = await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(saved.CertificateId, loaded.CertificateId);
        Assert.Equal(64, loaded.CertificateId.Length);
        Assert.Equal(_ca.ChainPem, await File.ReadAllTextAsync(store.CaChainPath));
    }

    [Fact]
    public async Task TryLoadValidAsync_NothingStored_ReturnsNull()
    {
        var store = new DeviceCertificateStore(_directory.File("empty"));

        Assert.Null(await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("within-renewal-margin")]
    [InlineData("foreign-key")]
    [InlineData("other-device")]
    [InlineData("other-ca")]
    public async Task TryLoadValidAsync_UnusableCertificate_ReturnsNull(string why)
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherCa = new TestCertificateAuthority("Other");
        var store = new DeviceCertificateStore(_directory.File("nvm"), TimeSpan.FromDays(7));
        await SaveAsync(store, _ca.IssueLeafPem(why == "foreign-key" ? otherKey : _key, "dev-1"));
        var now = DateTimeOffset.UtcNow;

        var loaded = why switch
        {
            "expired" => await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, now.AddDays(31), CancellationToken.None),
            "within-renewal-margin" => await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, now.AddDays(25), CancellationToken.None),
            "other-device" => await store.TryLoadValidAsync(_key, "dev-2", _ca.RootPem, now, CancellationToken.None),
            "other-ca" => await store.TryLoadValidAsync(_key, "dev-1", otherCa.RootPem, now, CancellationToken.None),
            _ => await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, now, CancellationToken.None),
        };

        Assert.Null(loaded);
        // The same store is usable a day from now when nothing is wrong with it: the check above is what failed.
        if (why is "expired" or "within-renewal-margin")
        {
            Assert.NotNull(await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, now.AddDays(1), CancellationToken.None));
        }
    }

    [Fact]
    public async Task SaveAsync_PowerCutBeforeTheCertificateRename_KeepsTheOldCertificateReadable()
    {
        var store = new DeviceCertificateStore(_directory.File("nvm"));
        var old = await SaveAsync(store, _ca.IssueLeafPem(_key, "dev-1"));
        AtomicFileWriter.BeforeRename.Value = temporaryPath =>
        {
            if (temporaryPath.Contains(DeviceCertificateStore.CertificateFileName, StringComparison.Ordinal))
            {
                throw new IOException("simulated power cut");
            }
        };

        try
        {
            await Assert.ThrowsAsync<IOException>(() => SaveAsync(store, _ca.IssueLeafPem(_key, "dev-1")));
        }
        finally
        {
            AtomicFileWriter.BeforeRename.Value = null;
        }

        var loaded = await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(old.CertificateId, loaded?.CertificateId);
        Assert.Equal(
            [DeviceCertificateStore.CaChainFileName, DeviceCertificateStore.CertificateFileName, DeviceCertificateStore.ChainFileName],
            Directory.GetFiles(store.DirectoryPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryLoadValidAsync_TornCertificateFile_ReturnsNull()
    {
        var store = new DeviceCertificateStore(_directory.File("nvm"));
        var pem = _ca.IssueLeafPem(_key, "dev-1");
        await SaveAsync(store, pem);
        // What a non-atomic writer leaves after a power cut: half a file.
        await File.WriteAllTextAsync(store.CertificatePath, pem[..(pem.Length / 2)]);

        Assert.Null(await store.TryLoadValidAsync(_key, "dev-1", _ca.RootPem, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    public void Dispose()
    {
        _key.Dispose();
        _ca.Dispose();
        _directory.Dispose();
    }

    private Task<StoredDeviceCertificate> SaveAsync(DeviceCertificateStore store, string leafPem) =>
        store.SaveAsync(leafPem, _ca.Issuer.ExportCertificatePem() + "\n", _ca.ChainPem, CancellationToken.None);
}
