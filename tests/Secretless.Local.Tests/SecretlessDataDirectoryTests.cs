using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests;

public sealed class SecretlessDataDirectoryTests
{
    [Fact]
    public void ResolveDefault_SecretlessDataSet_UsesIt()
    {
        var path = SecretlessDataDirectory.ResolveDefault(Environment(("SECRETLESS_DATA", "/srv/sl"), ("XDG_DATA_HOME", "/xdg")), "/home/u");

        Assert.Equal("/srv/sl", path);
    }

    [Fact]
    public void ResolveDefault_OnlyXdgDataHome_UsesSecretlessUnderIt()
    {
        Assert.Equal("/xdg/secretless", SecretlessDataDirectory.ResolveDefault(Environment(("XDG_DATA_HOME", "/xdg")), "/home/u"));
    }

    [Fact]
    public void ResolveDefault_RelativeXdgDataHome_IsIgnored()
    {
        Assert.Equal("/home/u/.local/share/secretless", SecretlessDataDirectory.ResolveDefault(Environment(("XDG_DATA_HOME", "rel")), "/home/u"));
    }

    [Fact]
    public void ResolveDefault_NothingSet_UsesLocalShare()
    {
        Assert.Equal("/home/u/.local/share/secretless", SecretlessDataDirectory.ResolveDefault(Environment(), "/home/u"));
    }

    [Fact]
    public void Paths_RelativeRoot_AreAbsoluteUnderIt()
    {
        var directory = new SecretlessDataDirectory("some/dir");

        Assert.True(Path.IsPathFullyQualified(directory.RootPath));
        Assert.Equal(Path.Combine(directory.RootPath, "secretless.db"), directory.DatabasePath);
        Assert.Equal(Path.Combine(directory.RootPath, "pki"), directory.PkiDirectory);
    }

    [Fact]
    public void EnsureExists_Missing_CreatesOwnerOnlyDirectory()
    {
        using var environment = new LocalTestEnvironment();
        var directory = new SecretlessDataDirectory(Path.Combine(environment.Temporary.Path, "fresh", "nested"));

        directory.EnsureExists();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, PkiAssertions.ModeOf(directory.RootPath));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
