using System.Security.Cryptography;
using Secretless.Local.Issuance;

namespace Secretless.Local.Tests.Issuance;

public sealed class StoredIssuerChainTests
{
    [Fact]
    public void From_SameChainInAnotherList_IsTheSameStoredChain()
    {
        byte[] intermediate = [0x30, 0x03, 0x02, 0x01, 0x07];
        byte[] root = [0x30, 0x03, 0x02, 0x01, 0x09];

        var first = StoredIssuerChain.From([intermediate, root]);
        var again = StoredIssuerChain.From([(byte[])intermediate.Clone(), (byte[])root.Clone()]);

        Assert.Equal([.. intermediate, .. root], first.Der);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first.Der)), first.Sha256Hex);
        // Content, not instance: other tests may issue under other chains in between.
        Assert.Equal(first.Sha256Hex, again.Sha256Hex);
        Assert.Equal(first.Der, again.Der);
    }

    [Fact]
    public void From_ChainThatDiffersFromTheLast_IsJoinedAndHashedAgain()
    {
        byte[] intermediate = [0x30, 0x03, 0x02, 0x01, 0x07];
        byte[] root = [0x30, 0x03, 0x02, 0x01, 0x09];
        byte[] rotated = [0x30, 0x03, 0x02, 0x01, 0x08];

        var before = StoredIssuerChain.From([intermediate, root]);
        var after = StoredIssuerChain.From([rotated, root]);
        var shorter = StoredIssuerChain.From([rotated]);

        Assert.Equal([.. rotated, .. root], after.Der);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(after.Der)), after.Sha256Hex);
        Assert.NotEqual(before.Sha256Hex, after.Sha256Hex);
        Assert.Equal(rotated, shorter.Der);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(rotated)), shorter.Sha256Hex);
    }
}
