using System.Security.Cryptography;
using Secretless.Core.Keys;
using Secretless.TestSupport;

namespace Secretless.Core.Tests.Keys;

[Collection(DeviceKeysGroup.Name)]
public sealed class RegisteredKeyCacheTests(DeviceKeys keys)
{
    private static readonly byte[] Data = "certification request info"u8.ToArray();

    [Fact]
    public void GetOrImport_SameKeyTwice_ImportsOnceSameInstance()
    {
        var cache = new RegisteredKeyCache(4);
        var key = Normalize(keys.P256);

        var first = cache.GetOrImport(key);
        var second = cache.GetOrImport(new NormalizedPublicKey(key.SpkiDer.ToArray(), key.Algorithm));

        Assert.Same(first, second);
        Assert.Equal(1, cache.Imports);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void GetOrImport_MoreKeysThanCapacity_NeverGrowsPastCapacity()
    {
        var cache = new RegisteredKeyCache(2);
        DeviceKeyFixture[] devices = [keys.P256, keys.P256Other, keys.P384, keys.Rsa2048];

        for (var round = 0; round < 3; round++)
        {
            foreach (var device in devices)
            {
                cache.GetOrImport(Normalize(device));
                Assert.InRange(cache.Count, 1, 2);
            }
        }

        Assert.Equal(2, cache.Count);
        Assert.Equal(12, cache.Imports);
    }

    [Fact]
    public void GetOrImport_RecentlyUsedKey_SurvivesEviction()
    {
        var cache = new RegisteredKeyCache(2);
        var hot = Normalize(keys.P256);
        var hotKey = cache.GetOrImport(hot);
        cache.GetOrImport(Normalize(keys.P256Other));

        // The hand passes the hot key once (second chance) and evicts the unused one instead.
        cache.GetOrImport(hot);
        cache.GetOrImport(Normalize(keys.P384));

        Assert.Same(hotKey, cache.GetOrImport(hot));
        Assert.Equal(3, cache.Imports);
    }

    [Fact]
    public void TryVerify_EvictedKey_ReportsNotUsed()
    {
        var cache = new RegisteredKeyCache(1);
        var evicted = cache.GetOrImport(Normalize(keys.P256));
        cache.GetOrImport(Normalize(keys.P384));

        var used = evicted.TryVerify(Data, new byte[8], HashAlgorithmName.SHA256, null, out var valid);

        Assert.False(used);
        Assert.False(valid);
    }

    [Fact]
    public async Task TryVerify_ConcurrentOnOneCachedKey_EveryAnswerCorrect()
    {
        using var signer = ECDsa.Create();
        signer.ImportFromPem(await File.ReadAllTextAsync(keys.P256.PrivateKeyPath));
        var good = signer.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var bad = good.ToArray();
        bad[^1] ^= 0x01;
        var cache = new RegisteredKeyCache(4);

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var key = cache.GetOrImport(Normalize(keys.P256));
            var expected = i % 2 == 0;
            var used = key.TryVerify(Data, expected ? good : bad, HashAlgorithmName.SHA256, null, out var valid);
            return used && valid == expected;
        })));

        Assert.All(results, Assert.True);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Clear_DropsEntriesAndDisposesKeys()
    {
        var cache = new RegisteredKeyCache(4);
        var key = cache.GetOrImport(Normalize(keys.Rsa2048));

        cache.Clear();

        Assert.Equal(0, cache.Count);
        Assert.False(key.TryVerify(Data, new byte[256], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out _));
    }

    private static NormalizedPublicKey Normalize(DeviceKeyFixture device)
    {
        Assert.True(PublicKeyNormalizer.TryNormalize(device.PublicKeySpkiDer, out var key, out var error), error?.Detail);
        return key;
    }
}
