using Secretless.Local.FileSystem;

namespace Secretless.Local;

/// <summary>
/// The folder holding all local state: the SQLite database and the file-backed PKI.
/// </summary>
public sealed class SecretlessDataDirectory
{
    /// <summary>Environment variable that overrides the default location.</summary>
    public const string EnvironmentVariable = "SECRETLESS_DATA";

    public SecretlessDataDirectory(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
    }

    /// <summary>Absolute path of the data directory.</summary>
    public string RootPath { get; }

    /// <summary><c>&lt;root&gt;/secretless.db</c>.</summary>
    public string DatabasePath => Path.Combine(RootPath, "secretless.db");

    /// <summary><c>&lt;root&gt;/pki</c>.</summary>
    public string PkiDirectory => Path.Combine(RootPath, "pki");

    /// <summary><c>&lt;root&gt;/regions</c>: one registry database per named region (<c>serve --regions</c>).</summary>
    public string RegionsDirectory => Path.Combine(RootPath, "regions");

    /// <summary><c>&lt;root&gt;/regions/&lt;region&gt;.db</c>: the registry of one embedded region.</summary>
    public string RegionDatabasePath(string region)
    {
        if (!RegionNames.TryValidate(region, out var error))
        {
            throw new ArgumentException(error, nameof(region));
        }

        return Path.Combine(RegionsDirectory, region + ".db");
    }

    /// <summary>The regions that have a registry database here, in name order (empty when none).</summary>
    public IReadOnlyList<string> ListRegions()
    {
        if (!Directory.Exists(RegionsDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(RegionsDirectory, "*.db")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => RegionNames.TryValidate(name, out _))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// $SECRETLESS_DATA, else $XDG_DATA_HOME/secretless, else ~/.local/share/secretless.
    /// </summary>
    public static string ResolveDefault() => ResolveDefault(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The given path, or <see cref="ResolveDefault()"/> when it is null or empty.</summary>
    public static SecretlessDataDirectory FromPathOrDefault(string? path)
        => new(string.IsNullOrWhiteSpace(path) ? ResolveDefault() : path);

    /// <summary>Creates the directory (mode 0700 on Unix) when it does not exist.</summary>
    public void EnsureExists() => PrivateFiles.EnsureDirectory(RootPath);

    public override string ToString() => RootPath;

    internal static string ResolveDefault(Func<string, string?> environment, string homeDirectory)
    {
        var explicitPath = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        var xdgDataHome = environment("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdgDataHome) && Path.IsPathFullyQualified(xdgDataHome))
        {
            return Path.Combine(xdgDataHome, "secretless");
        }

        return Path.Combine(homeDirectory, ".local", "share", "secretless");
    }
}
