using Secretless.Local.FileSystem;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.FileSystem;

public sealed class PrivateFilesTests
{
    [Fact]
    public void TryCreateAtomically_Absent_CreatesOwnerOnlyFileWithoutLeftovers()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("secret.key");

        Assert.True(PrivateFiles.TryCreateAtomically(path, [1, 2, 3], secret: true));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, PkiAssertions.ModeOf(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TryCreateAtomically_AlreadyCreated_ReturnsFalseAndFirstContentStands()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("secret.key");
        Assert.True(PrivateFiles.TryCreateAtomically(path, [1], secret: true));

        Assert.False(PrivateFiles.TryCreateAtomically(path, [2], secret: true));

        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task TryCreateAtomically_RacingCreators_ExactlyOneWins()
    {
        // Several rounds: a check-then-rename race loses only now and then.
        for (var round = 0; round < 20; round++)
        {
            using var dir = new TemporaryDirectory();
            var path = dir.File("secret.key");
            using var start = new ManualResetEventSlim();

            var racers = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            {
                start.Wait();
                return PrivateFiles.TryCreateAtomically(path, [(byte)i], secret: true);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(racers);

            Assert.Single(results, created => created);
            Assert.Equal(Array.IndexOf(results, true), Assert.Single(File.ReadAllBytes(path)));
            Assert.Equal([path], Directory.GetFiles(dir.Path));
        }
    }

    [Fact]
    public void WriteAtomically_Existing_Replaces()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("state.json");
        PrivateFiles.WriteAtomically(path, [1], secret: false);

        PrivateFiles.WriteAtomically(path, [2], secret: false);

        Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }
}
